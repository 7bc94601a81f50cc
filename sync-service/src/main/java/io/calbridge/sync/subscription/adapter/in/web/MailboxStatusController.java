package io.calbridge.sync.subscription.adapter.in.web;

import io.calbridge.service.problems.Problems;
import io.calbridge.service.security.Caller;
import io.calbridge.sync.subscription.application.MailboxStatuses;
import io.calbridge.sync.subscription.application.MailboxStatuses.MailboxStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Read-only view of each connected mailbox's sync state and subscription health, scoped to the caller's tenant. */
@RestController
@Tag(name = "Mailbox sync status")
public class MailboxStatusController {

    private final MailboxStatuses statuses;

    public MailboxStatusController(MailboxStatuses statuses) {
        this.statuses = statuses;
    }

    @GetMapping("/api/tenants/{tenantId}/mailboxes")
    @Operation(summary = "Sync state and subscription health of every connected mailbox of a tenant")
    public List<MailboxStatus> list(@PathVariable String tenantId, Caller caller) {
        caller.requireTenant(tenantId);
        return statuses.ofTenant(tenantId);
    }

    @GetMapping("/api/tenants/{tenantId}/mailboxes/{mailboxId}")
    @Operation(summary = "Sync state and subscription health of one connected mailbox")
    public ResponseEntity<?> one(@PathVariable String tenantId, @PathVariable String mailboxId, Caller caller) {
        caller.requireTenant(tenantId);
        return statuses.of(tenantId, mailboxId).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> {
            ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "mailbox-not-connected", "Mailbox not connected",
                    "Mailbox " + mailboxId + " of tenant " + tenantId + " is not connected to sync");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        });
    }
}
