/** Publishes SCIM joiners and leavers on {@code directory.users} through the outbox. */
package io.calbridge.provisioning.scim.adapter.out.messaging;
