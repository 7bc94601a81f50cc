package io.calbridge.common.events.directory;

/** The system that reported a joiner or leaver. */
public enum DirectorySource {
    /** An HR or identity system publishing straight to Kafka. */
    HR_SYSTEM,
    /** A SCIM 2.0 provisioning call to provisioning's SCIM endpoint (Entra ID or Okta app provisioning). */
    SCIM,
    /** Provisioning's own watch of the Entra directory (Graph delta on users). */
    DIRECTORY_WATCH
}
