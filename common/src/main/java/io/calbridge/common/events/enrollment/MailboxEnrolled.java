package io.calbridge.common.events.enrollment;

import io.calbridge.common.events.MailboxKind;
import io.calbridge.common.events.Require;
import java.time.Instant;

/**
 * A mailbox is inside the service account's access scope and a real read through the service account
 * succeeded, so Calbridge can act on it. Published together with {@code AccountConnected}.
 *
 * @param tenantId      Microsoft Entra tenant id of the organisation
 * @param userId        Entra object id (GUID string) of the mailbox owner; key is {@code tenantId/userId}
 * @param mail          primary SMTP address of the mailbox
 * @param kind          person or room
 * @param scope         the access scope the mailbox was put in
 * @param verifiedAt    when the verifying read through the service account succeeded (UTC)
 * @param occurredAt    when provisioning recorded the enrollment (UTC)
 * @param correlationId {@code ce_id} of the {@code UserOnboarded} that started it, or the admin request id;
 *                      {@code null} when enrollment was started by a policy run
 */
public record MailboxEnrolled(
        String tenantId,
        String userId,
        String mail,
        MailboxKind kind,
        AccessScope scope,
        Instant verifiedAt,
        Instant occurredAt,
        String correlationId) implements EnrollmentEvent {

    public MailboxEnrolled {
        Require.id(tenantId, "tenantId");
        Require.id(userId, "userId");
        Require.address(mail, "mail");
        Require.present(kind, "kind");
        Require.present(scope, "scope");
        Require.present(verifiedAt, "verifiedAt");
        Require.present(occurredAt, "occurredAt");
        Require.optionalText(correlationId, "correlationId");
    }
}
