package io.calbridge.provisioning.tenant.adapter.in.web;

import io.calbridge.provisioning.tenant.application.ManageTenants;
import io.calbridge.provisioning.tenant.application.PolicyDocument;
import io.calbridge.provisioning.tenant.application.RegisterTenantCommand;
import io.calbridge.service.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenants, their credentials and enrollment policy. Registering and removing a tenant needs an operator key; a
 * tenant-scoped key reads and changes only its own tenant.
 */
@RestController
@RequestMapping("/api/tenants")
@Tag(name = "Tenants", description = "Tenants, service-account credentials and enrollment policy")
public class TenantController {

    private final ManageTenants tenants;
    private final Clock clock;

    public TenantController(ManageTenants tenants, Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Register a tenant (operator key)")
    public ResponseEntity<TenantView> register(@Parameter(hidden = true) Caller caller, @Valid @RequestBody RegisterTenantBody body,
                                               @RequestHeader(name = "X-Request-Id", required = false) String requestId) {
        caller.requireOperator();
        var tenant = tenants.register(new RegisterTenantCommand(body.tenantId(), body.displayName(), body.clientId(),
                body.authorityHost(), body.graphBaseUrl(), body.authorityTrustPem(), body.credential().toCredential(),
                body.policy() == null ? null : body.policy().toPolicy(), correlation(requestId)));
        return ResponseEntity.created(URI.create("/api/tenants/" + tenant.tenantId())).body(TenantView.of(tenant, clock.instant()));
    }

    @GetMapping
    @Operation(summary = "The tenants this key may see")
    public List<TenantView> list(@Parameter(hidden = true) Caller caller) {
        return tenants.active().stream().filter(t -> caller.mayActFor(t.tenantId()))
                .map(t -> TenantView.of(t, clock.instant())).toList();
    }

    @GetMapping("/{tenantId}")
    @Operation(summary = "One tenant, with credential expiry warnings")
    public TenantView get(@Parameter(hidden = true) Caller caller, @PathVariable String tenantId) {
        caller.requireTenant(tenantId);
        return TenantView.of(tenants.require(tenantId), clock.instant());
    }

    @PatchMapping("/{tenantId}")
    @Operation(summary = "Change a tenant's name, client id or endpoints")
    public TenantView change(@Parameter(hidden = true) Caller caller, @PathVariable String tenantId, @RequestBody ChangeTenantBody body,
                             @RequestHeader(name = "X-Request-Id", required = false) String requestId) {
        caller.requireTenant(tenantId);
        return TenantView.of(tenants.changeDetails(tenantId, body.displayName(), body.clientId(), body.authorityHost(),
                body.graphBaseUrl(), body.authorityTrustPem(), correlation(requestId)), clock.instant());
    }

    @DeleteMapping("/{tenantId}")
    @Operation(summary = "Remove a tenant (operator key); publishes TenantRemoved")
    public ResponseEntity<Void> remove(@Parameter(hidden = true) Caller caller, @PathVariable String tenantId,
                                       @RequestHeader(name = "X-Request-Id", required = false) String requestId) {
        caller.requireOperator();
        tenants.remove(tenantId, correlation(requestId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{tenantId}/credentials")
    @Operation(summary = "Add a credential for rotation (at most two at once)")
    public ResponseEntity<TenantView> addCredential(@Parameter(hidden = true) Caller caller, @PathVariable String tenantId, @Valid @RequestBody CredentialBody body,
                                                    @RequestHeader(name = "X-Request-Id", required = false) String requestId) {
        caller.requireTenant(tenantId);
        var tenant = tenants.addCredential(tenantId, body.toCredential(), correlation(requestId));
        return ResponseEntity.status(201).body(TenantView.of(tenant, clock.instant()));
    }

    @DeleteMapping("/{tenantId}/credentials/{credentialId}")
    @Operation(summary = "Remove a credential (not the last one)")
    public TenantView removeCredential(@Parameter(hidden = true) Caller caller, @PathVariable String tenantId, @PathVariable String credentialId,
                                       @RequestHeader(name = "X-Request-Id", required = false) String requestId) {
        caller.requireTenant(tenantId);
        return TenantView.of(tenants.removeCredential(tenantId, credentialId, correlation(requestId)), clock.instant());
    }

    @GetMapping("/{tenantId}/enrollment-policy")
    @Operation(summary = "The tenant's enrollment policy")
    public PolicyDocument policy(@Parameter(hidden = true) Caller caller, @PathVariable String tenantId) {
        caller.requireTenant(tenantId);
        return PolicyDocument.of(tenants.require(tenantId).policy());
    }

    @PutMapping("/{tenantId}/enrollment-policy")
    @Operation(summary = "Replace the enrollment policy; rooms of the policy's room lists are enrolled afterwards")
    public PolicyDocument changePolicy(@Parameter(hidden = true) Caller caller, @PathVariable String tenantId, @RequestBody PolicyDocument body,
                                       @RequestHeader(name = "X-Request-Id", required = false) String requestId) {
        caller.requireTenant(tenantId);
        return PolicyDocument.of(tenants.changePolicy(tenantId, body.toPolicy(), correlation(requestId)).policy());
    }

    private static String correlation(String requestId) {
        return requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId;
    }
}
