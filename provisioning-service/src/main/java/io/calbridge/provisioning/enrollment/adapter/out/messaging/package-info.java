/** Publishes enrollment outcomes on {@code provisioning.enrollments} and {@code provisioning.accounts} through the outbox. */
package io.calbridge.provisioning.enrollment.adapter.out.messaging;
