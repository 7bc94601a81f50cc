/** Tenants, their service-account credentials and enrollment policies, as plain Java. */
package io.calbridge.provisioning.tenant.domain;
