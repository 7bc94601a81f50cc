/** SCIM users and token hashes in PostgreSQL. */
package io.calbridge.provisioning.scim.adapter.out.persistence;
