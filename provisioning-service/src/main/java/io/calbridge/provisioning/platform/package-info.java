/** What every provisioning feature shares: the clock, the credential seal, and Graph access per tenant. */
package io.calbridge.provisioning.platform;
