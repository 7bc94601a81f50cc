package io.calbridge.common.events.enrollment;

import io.calbridge.common.Topics;
import io.calbridge.common.events.CalbridgeEvent;
import io.calbridge.common.events.MailboxKind;

/** Every event on {@link Topics#ENROLLMENTS}; consumers switch over it exhaustively. */
public sealed interface EnrollmentEvent extends CalbridgeEvent
        permits MailboxEnrolled, MailboxEnrollmentFailed, MailboxUnenrolled {

    /** Entra object id (GUID string) of the mailbox owner, a person or a room account; second half of the key. */
    String userId();

    /** Whether the mailbox is a person's or a room's. */
    MailboxKind kind();

    @Override
    default String subject() {
        return CalbridgeEvent.subjectOf(tenantId(), userId());
    }

    @Override
    default String topic() {
        return Topics.ENROLLMENTS;
    }
}
