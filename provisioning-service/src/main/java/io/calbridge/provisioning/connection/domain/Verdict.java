package io.calbridge.provisioning.connection.domain;

/** The outcome of one check, worst last. */
public enum Verdict {
    PASS, SKIPPED, WARN, FAIL;

    public Verdict worse(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
