/** The connection test's report: a verdict per check with remediation text, as plain Java. */
package io.calbridge.provisioning.connection.domain;
