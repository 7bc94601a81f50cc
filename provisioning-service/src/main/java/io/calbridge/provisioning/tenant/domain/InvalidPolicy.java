package io.calbridge.provisioning.tenant.domain;

/** An enrollment policy, or a part of one, that cannot be applied as given: the caller's input, answered with 400. */
public class InvalidPolicy extends RuntimeException {

    public InvalidPolicy(String message) {
        super(message);
    }
}
