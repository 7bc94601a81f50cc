/** SCIM create, read, deactivate and delete, turned into the same directory events an HR system publishes. */
package io.calbridge.provisioning.scim.application;
