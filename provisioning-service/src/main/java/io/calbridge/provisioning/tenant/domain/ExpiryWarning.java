package io.calbridge.provisioning.tenant.domain;

import java.time.Duration;
import java.time.Instant;

/** How close a credential is to expiry: warnings start 30, 7 and 1 days ahead. */
public enum ExpiryWarning {
    NONE(Long.MAX_VALUE),
    WITHIN_30_DAYS(30),
    WITHIN_7_DAYS(7),
    WITHIN_1_DAY(1),
    EXPIRED(0);

    private final long days;

    ExpiryWarning(long days) {
        this.days = days;
    }

    /** The warning level of a credential expiring at {@code expiresAt}, seen at {@code now}. */
    public static ExpiryWarning of(Instant expiresAt, Instant now) {
        Duration left = Duration.between(now, expiresAt);
        if (left.isNegative() || left.isZero()) {
            return EXPIRED;
        }
        if (left.compareTo(Duration.ofDays(1)) <= 0) {
            return WITHIN_1_DAY;
        }
        if (left.compareTo(Duration.ofDays(7)) <= 0) {
            return WITHIN_7_DAYS;
        }
        if (left.compareTo(Duration.ofDays(30)) <= 0) {
            return WITHIN_30_DAYS;
        }
        return NONE;
    }

    /** The threshold in days this level stands for; 0 for expired. */
    public long thresholdDays() {
        return days;
    }
}
