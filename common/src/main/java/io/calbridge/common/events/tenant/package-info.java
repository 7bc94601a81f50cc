/** Tenant configuration that provisioning shares with the other services: Graph endpoints and sealed credentials. */
package io.calbridge.common.events.tenant;
