/** Runs the connection test ("Run test") against a tenant's service account. */
package io.calbridge.provisioning.connection.application;
