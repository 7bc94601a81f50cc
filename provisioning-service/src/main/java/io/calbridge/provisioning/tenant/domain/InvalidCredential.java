package io.calbridge.provisioning.tenant.domain;

/** Credential material that cannot be used: unreadable certificate, wrong password, missing expiry. Never holds the material. */
public class InvalidCredential extends RuntimeException {
    public InvalidCredential(String message) {
        super(message);
    }
}
