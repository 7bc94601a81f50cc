/** Publishes the watch's joiners and leavers on {@code directory.users} through the outbox. */
package io.calbridge.provisioning.watch.adapter.out.messaging;
