/** Consumes joiners and leavers from {@code directory.users}. */
package io.calbridge.provisioning.enrollment.adapter.in.messaging;
