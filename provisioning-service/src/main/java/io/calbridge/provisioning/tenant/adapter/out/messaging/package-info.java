/** Publishes tenant configuration on {@code provisioning.tenants} through the outbox. */
package io.calbridge.provisioning.tenant.adapter.out.messaging;
