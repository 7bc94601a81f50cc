package io.calbridge.provisioning.tenant.application;

import io.calbridge.service.graph.TenantGraphs;
import io.calbridge.provisioning.tenant.domain.EnrollmentPolicy;
import io.calbridge.provisioning.tenant.domain.Tenant;
import io.calbridge.provisioning.tenant.domain.TenantConflict;
import io.calbridge.provisioning.tenant.domain.TenantNotFound;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers, changes and removes tenants. Every change is saved and published as {@code TenantConfigured} (or
 * {@code TenantRemoved}) with the tenant's next version, in one transaction.
 */
@Service
public class ManageTenants {

    private static final Logger log = LoggerFactory.getLogger(ManageTenants.class);

    private final Tenants tenants;
    private final TenantPublications publications;
    private final CredentialIntake intake;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public ManageTenants(Tenants tenants, TenantPublications publications, CredentialIntake intake,
                         ApplicationEventPublisher events, Clock clock) {
        this.tenants = tenants;
        this.publications = publications;
        this.intake = intake;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Tenant register(RegisterTenantCommand command) {
        long previousVersion = 0;
        var existing = tenants.find(command.tenantId());
        if (existing.isPresent()) {
            if (!existing.get().removed()) {
                throw new TenantConflict("tenant " + command.tenantId() + " is already registered; change it instead");
            }
            previousVersion = existing.get().version();
        }
        if (command.authorityTrustPem() != null && !command.authorityTrustPem().isBlank()) {
            TenantGraphs.trustOf(command.authorityTrustPem()); // fails early with a readable message
        }
        Tenant tenant = Tenant.register(command.tenantId(), command.displayName(), command.clientId(), command.authorityHost(),
                command.graphBaseUrl(), blankToNull(command.authorityTrustPem()), intake.accept(command.tenantId(), command.credential()),
                command.policy(), previousVersion, clock.instant());
        save(tenant, command.correlationId());
        log.info("Registered tenant {} ({}) version {}", tenant.tenantId(), tenant.displayName(), tenant.version());
        events.publishEvent(new TenantPolicyChanged(tenant));
        return tenant;
    }

    @Transactional
    public Tenant changeDetails(String tenantId, String displayName, String clientId, String authorityHost, String graphBaseUrl,
                                String authorityTrustPem, String correlationId) {
        Tenant current = require(tenantId);
        if (authorityTrustPem != null && !authorityTrustPem.isBlank()) {
            TenantGraphs.trustOf(authorityTrustPem);
        }
        Tenant tenant = current.withDetails(
                displayName == null ? current.displayName() : displayName,
                clientId == null ? current.clientId() : clientId,
                authorityHost == null ? current.authorityHost() : authorityHost,
                graphBaseUrl == null ? current.graphBaseUrl() : graphBaseUrl,
                authorityTrustPem == null ? current.authorityTrustPem() : blankToNull(authorityTrustPem), clock.instant());
        save(tenant, correlationId);
        return tenant;
    }

    @Transactional
    public Tenant addCredential(String tenantId, NewCredential credential, String correlationId) {
        Tenant tenant = require(tenantId).withCredential(intake.accept(tenantId, credential), clock.instant());
        save(tenant, correlationId);
        log.info("Added a {} credential to tenant {} (version {})", credential.kind(), tenantId, tenant.version());
        return tenant;
    }

    @Transactional
    public Tenant removeCredential(String tenantId, String credentialId, String correlationId) {
        Tenant tenant = require(tenantId).withoutCredential(credentialId, clock.instant());
        save(tenant, correlationId);
        log.info("Removed credential {} from tenant {} (version {})", credentialId, tenantId, tenant.version());
        return tenant;
    }

    @Transactional
    public Tenant changePolicy(String tenantId, EnrollmentPolicy policy, String correlationId) {
        Tenant tenant = require(tenantId).withPolicy(policy, clock.instant());
        save(tenant, correlationId);
        log.info("Tenant {} enrollment policy is now {} on {}", tenantId, policy.strategy(), policy.scopeObjectId());
        events.publishEvent(new TenantPolicyChanged(tenant));
        return tenant;
    }

    @Transactional
    public void remove(String tenantId, String correlationId) {
        // Its mailboxes leave first, while the credential is still registered.
        events.publishEvent(new TenantRemoving(require(tenantId), correlationId));
        Tenant tenant = require(tenantId).asRemoved(clock.instant());
        tenants.save(tenant);
        publications.removed(tenant, correlationId);
        log.info("Removed tenant {} (version {})", tenantId, tenant.version());
    }

    @Transactional(readOnly = true)
    public Tenant require(String tenantId) {
        return tenants.find(tenantId).filter(t -> !t.removed()).orElseThrow(() -> new TenantNotFound(tenantId));
    }

    @Transactional(readOnly = true)
    public List<Tenant> active() {
        return tenants.active();
    }

    private void save(Tenant tenant, String correlationId) {
        tenants.save(tenant);
        publications.configured(tenant, correlationId);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
