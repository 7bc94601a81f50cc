/** Generates a tenant's setup scripts from its registration and enrollment policy. */
package io.calbridge.provisioning.setup.application;
