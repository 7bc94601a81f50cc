package io.calbridge.provisioning.connection.domain;

/**
 * One check of a connection test.
 *
 * @param name        stable name, e.g. {@code token}, {@code roles}, {@code mailbox-out-of-scope}
 * @param verdict     pass, warn, fail or skipped
 * @param detail      what was found
 * @param remediation what an admin should do; null when nothing
 */
public record Check(String name, Verdict verdict, String detail, String remediation) {

    public static Check pass(String name, String detail) {
        return new Check(name, Verdict.PASS, detail, null);
    }
}
