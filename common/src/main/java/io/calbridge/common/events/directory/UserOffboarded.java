package io.calbridge.common.events.directory;

import io.calbridge.common.events.Require;
import java.time.Instant;

/**
 * A person left the organisation, or lost eligibility for Calbridge. Provisioning takes the mailbox out of
 * the service account's scope, publishes {@code AccountDisconnected}, and sync drops its state.
 *
 * @param tenantId          Microsoft Entra tenant id of the organisation
 * @param userId            the user's Entra object id (GUID string); key is {@code tenantId/userId}
 * @param userPrincipalName the user's sign-in name in Entra; {@code null} when the source only knows the id
 *                          (for example after the Entra object was deleted)
 * @param mail              primary SMTP address of the user's mailbox; {@code null} when unknown
 * @param source            which system reported the leaver
 * @param effectiveAt       when access must end (UTC); equal to or before {@code occurredAt} for immediate
 *                          leavers, later for a scheduled leaving date
 * @param occurredAt        when the source recorded the leaver (UTC)
 * @param correlationId     the source's request or change id; {@code null} when it has none
 */
public record UserOffboarded(
        String tenantId,
        String userId,
        String userPrincipalName,
        String mail,
        DirectorySource source,
        Instant effectiveAt,
        Instant occurredAt,
        String correlationId) implements DirectoryEvent {

    public UserOffboarded {
        Require.id(tenantId, "tenantId");
        Require.id(userId, "userId");
        Require.optionalText(userPrincipalName, "userPrincipalName");
        Require.optionalAddress(mail, "mail");
        Require.present(source, "source");
        Require.present(effectiveAt, "effectiveAt");
        Require.present(occurredAt, "occurredAt");
        Require.optionalText(correlationId, "correlationId");
    }
}
