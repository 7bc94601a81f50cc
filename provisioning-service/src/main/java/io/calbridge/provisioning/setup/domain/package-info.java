/** Generates the exact PowerShell an admin runs to set a tenant up, as plain Java. */
package io.calbridge.provisioning.setup.domain;
