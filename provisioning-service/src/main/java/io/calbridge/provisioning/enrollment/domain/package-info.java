/** Where each person's or room's enrollment into the service account's scope stands, as plain Java. */
package io.calbridge.provisioning.enrollment.domain;
