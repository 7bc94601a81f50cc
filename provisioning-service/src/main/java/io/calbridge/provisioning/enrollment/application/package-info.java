/** Use cases that record joiners and leavers and move their mailboxes into and out of the scope in batches. */
package io.calbridge.provisioning.enrollment.application;
