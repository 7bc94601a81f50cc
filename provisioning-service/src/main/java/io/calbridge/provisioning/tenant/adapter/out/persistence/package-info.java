/** Tenants and their sealed credentials in PostgreSQL. */
package io.calbridge.provisioning.tenant.adapter.out.persistence;
