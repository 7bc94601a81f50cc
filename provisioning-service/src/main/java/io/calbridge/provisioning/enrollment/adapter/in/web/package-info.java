/** Enrollment status, pending admin scripts, confirmations and room enrollment over REST. */
package io.calbridge.provisioning.enrollment.adapter.in.web;
