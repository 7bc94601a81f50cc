package io.calbridge.provisioning.enrollment.adapter.in.web;

import io.calbridge.provisioning.enrollment.application.ConfirmAdminAction;
import io.calbridge.provisioning.enrollment.application.EnrollRooms;
import io.calbridge.provisioning.enrollment.application.EnrollmentStatus;
import io.calbridge.provisioning.enrollment.domain.Enrollment;
import io.calbridge.provisioning.enrollment.domain.EnrollmentState;
import io.calbridge.service.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Where each person's and room's enrollment stands, what admins must run by hand, and room enrollment. */
@RestController
@RequestMapping("/api/tenants/{tenantId}")
@Tag(name = "Enrollment", description = "Enrollment of people and rooms into the service account's scope")
public class EnrollmentController {

    private final EnrollmentStatus status;
    private final ConfirmAdminAction confirm;
    private final EnrollRooms enrollRooms;
    private final io.calbridge.provisioning.enrollment.application.ReconcileScopes reconcile;

    public EnrollmentController(EnrollmentStatus status, ConfirmAdminAction confirm, EnrollRooms enrollRooms,
                                io.calbridge.provisioning.enrollment.application.ReconcileScopes reconcile) {
        this.status = status;
        this.confirm = confirm;
        this.enrollRooms = enrollRooms;
        this.reconcile = reconcile;
    }

    @PostMapping("/enrollments/reconcile")
    @Operation(summary = "Compare desired and actual scope membership now, repair drift both ways and pick up new rooms")
    public io.calbridge.provisioning.enrollment.application.ReconcileScopes.Report reconcile(
            @Parameter(hidden = true) Caller caller, @PathVariable String tenantId) {
        caller.requireTenant(tenantId);
        return reconcile.reconcile(tenantId);
    }

    @GetMapping("/enrollments")
    @Operation(summary = "Enrollments, optionally in one state")
    public List<EnrollmentView> list(@Parameter(hidden = true) Caller caller, @PathVariable String tenantId,
                                     @RequestParam(required = false) EnrollmentState state,
                                     @RequestParam(defaultValue = "500") int limit) {
        caller.requireTenant(tenantId);
        return status.list(tenantId, state, Math.min(Math.max(limit, 1), 5000)).stream().map(EnrollmentView::of).toList();
    }

    /** Counts per state, and the failures with their last error. */
    public record Summary(String tenantId, Map<EnrollmentState, Long> counts, List<EnrollmentView> failures) {}

    @GetMapping("/enrollments/summary")
    @Operation(summary = "Counts per state, with the failures and their last error")
    public Summary summary(@Parameter(hidden = true) Caller caller, @PathVariable String tenantId) {
        caller.requireTenant(tenantId);
        return new Summary(tenantId, status.counts(tenantId),
                status.list(tenantId, EnrollmentState.FAILED, 100).stream().map(EnrollmentView::of).toList());
    }

    @GetMapping("/enrollments/{userId}")
    @Operation(summary = "One mailbox's enrollment")
    public EnrollmentView one(@Parameter(hidden = true) Caller caller, @PathVariable String tenantId, @PathVariable String userId) {
        caller.requireTenant(tenantId);
        return EnrollmentView.of(status.one(tenantId, userId));
    }

    /** What an Exchange admin must run, one line per mailbox, and the whole as one script. */
    public record AdminActions(String tenantId, List<EnrollmentView> pending, String script) {}

    @GetMapping("/enrollments/admin-actions")
    @Operation(summary = "Mailboxes awaiting an Exchange admin (mail-enabled group strategy), with the PowerShell to run")
    public AdminActions adminActions(@Parameter(hidden = true) Caller caller, @PathVariable String tenantId) {
        caller.requireTenant(tenantId);
        List<Enrollment> pending = status.list(tenantId, EnrollmentState.AWAITING_ADMIN, 5000);
        String script = pending.isEmpty() ? "" : "# Calbridge: membership changes Graph cannot make (mail-enabled security group).\n"
                + "# Run in Exchange Online PowerShell (Connect-ExchangeOnline), then confirm each mailbox:\n"
                + "# POST /api/tenants/" + tenantId + "/enrollments/{userId}/confirm\n"
                + pending.stream().map(Enrollment::adminScript).collect(Collectors.joining("\n")) + "\n";
        return new AdminActions(tenantId, pending.stream().map(EnrollmentView::of).toList(), script);
    }

    @PostMapping("/enrollments/{userId}/confirm")
    @Operation(summary = "Confirm that an admin ran the PowerShell for this mailbox")
    public EnrollmentView confirm(@Parameter(hidden = true) Caller caller, @PathVariable String tenantId, @PathVariable String userId) {
        caller.requireTenant(tenantId);
        return EnrollmentView.of(confirm.confirm(tenantId, userId));
    }

    @PostMapping("/rooms/enroll")
    @Operation(summary = "Enroll the rooms of the policy's room lists (Places); new rooms only")
    public EnrollRooms.Report enrollRooms(@Parameter(hidden = true) Caller caller, @PathVariable String tenantId,
                                          @RequestHeader(name = "X-Request-Id", required = false) String requestId) {
        caller.requireTenant(tenantId);
        return enrollRooms.enroll(tenantId, requestId == null ? UUID.randomUUID().toString() : requestId);
    }
}
