package io.calbridge.provisioning.tenant.domain;

/** What proves the service account's identity to Entra ID. */
public enum CredentialKind {
    /** A client secret; Microsoft recommends certificates instead. */
    CLIENT_SECRET,
    /** A certificate with its private key (preferred). */
    CERTIFICATE
}
