package io.calbridge.provisioning.enrollment.application;

import io.calbridge.provisioning.enrollment.domain.FailureReason;
import java.time.Duration;

/** What a scope add or remove did for one member. "Already a member" on add and "not a member" on remove are {@link Done}. */
public sealed interface MembershipOutcome {

    record Done() implements MembershipOutcome {}

    /** Will not work by retrying. */
    record Failed(FailureReason reason, String detail) implements MembershipOutcome {}

    /** Throttled or transiently unavailable: retry after {@code after} (null: the worker's back-off). */
    record Retry(String detail, Duration after) implements MembershipOutcome {}
}
