package io.calbridge.provisioning.enrollment.application;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Proves access to mailboxes with a real calendar read through the tenant's service account. */
public interface MailboxProbe {

    /** Reads each mailbox's calendar (concurrently, paced); one outcome per id or address. Blocks until all are known. */
    Map<String, ProbeOutcome> read(String tenantId, List<String> mailboxes);

    /** The primary SMTP address of a user, from the directory. */
    Optional<String> mailOf(String tenantId, String userId);
}
