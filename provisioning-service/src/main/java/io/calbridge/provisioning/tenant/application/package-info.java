/** Use cases for registering tenants, rotating their credentials and changing their enrollment policy. */
package io.calbridge.provisioning.tenant.application;
