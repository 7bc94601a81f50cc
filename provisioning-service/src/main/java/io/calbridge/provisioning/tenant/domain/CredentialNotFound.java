package io.calbridge.provisioning.tenant.domain;

/** The tenant holds no credential with this id. */
public class CredentialNotFound extends RuntimeException {
    public CredentialNotFound(String tenantId, String credentialId) {
        super("tenant " + tenantId + " holds no credential " + credentialId);
    }
}
