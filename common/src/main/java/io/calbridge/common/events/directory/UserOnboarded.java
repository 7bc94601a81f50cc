package io.calbridge.common.events.directory;

import io.calbridge.common.events.Require;
import java.time.Instant;

/**
 * A person joined the organisation, or became eligible for Calbridge, and their mailbox should be enrolled
 * according to the tenant's enrollment policy. Provisioning answers with {@code MailboxEnrolled} or
 * {@code MailboxEnrollmentFailed}.
 *
 * @param tenantId          Microsoft Entra tenant id of the organisation
 * @param userId            the user's Entra object id (GUID string); key is {@code tenantId/userId}
 * @param userPrincipalName the user's sign-in name in Entra, such as {@code ada@contoso.com}
 * @param mail              primary SMTP address of the user's mailbox; {@code null} when the source does not
 *                          know it yet, in which case provisioning looks it up
 * @param displayName       the name people see in address lists; {@code null} when unknown
 * @param department        the user's department as the source knows it, which enrollment policies may match
 *                          on; {@code null} when unknown
 * @param source            which system reported the joiner
 * @param occurredAt        when the source recorded the joiner (UTC)
 * @param correlationId     the source's request or change id; {@code null} when it has none
 */
public record UserOnboarded(
        String tenantId,
        String userId,
        String userPrincipalName,
        String mail,
        String displayName,
        String department,
        DirectorySource source,
        Instant occurredAt,
        String correlationId) implements DirectoryEvent {

    public UserOnboarded {
        Require.id(tenantId, "tenantId");
        Require.id(userId, "userId");
        Require.text(userPrincipalName, "userPrincipalName");
        Require.optionalAddress(mail, "mail");
        Require.optionalText(displayName, "displayName");
        Require.optionalText(department, "department");
        Require.present(source, "source");
        Require.present(occurredAt, "occurredAt");
        Require.optionalText(correlationId, "correlationId");
    }
}
