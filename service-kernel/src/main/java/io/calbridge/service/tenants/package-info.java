/** Each service's copy of the tenants provisioning configured, kept from the provisioning.tenants topic. */
package io.calbridge.service.tenants;
