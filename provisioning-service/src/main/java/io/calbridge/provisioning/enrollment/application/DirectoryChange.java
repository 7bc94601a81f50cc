package io.calbridge.provisioning.enrollment.application;

/**
 * A joiner as the directory reported it.
 *
 * @param correlationId the {@code ce_id} of the directory event
 * @param occurredAt    when the directory recorded the change (the event's time)
 */
public record DirectoryChange(String tenantId, String userId, String userPrincipalName, String mail, String displayName,
                              String department, String correlationId, java.time.Instant occurredAt) {
}
