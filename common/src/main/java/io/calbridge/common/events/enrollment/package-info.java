/** Outcomes of enrolling mailboxes into the service account's scope, on {@link io.calbridge.common.Topics#ENROLLMENTS}. */
package io.calbridge.common.events.enrollment;
