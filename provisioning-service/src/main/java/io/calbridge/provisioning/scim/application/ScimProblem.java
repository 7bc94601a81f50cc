package io.calbridge.provisioning.scim.application;

/** A SCIM error (RFC 7644 §3.12): HTTP status and {@code scimType}. */
public class ScimProblem extends RuntimeException {
    private final int status;
    private final String scimType;

    public ScimProblem(int status, String scimType, String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }

    public int status() {
        return status;
    }

    public String scimType() {
        return scimType;
    }
}
