package io.calbridge.provisioning.platform;

import io.calbridge.common.events.tenant.SealedCredential;
import io.calbridge.common.events.tenant.TenantConfigured;
import io.calbridge.graph.GraphFailure;
import io.calbridge.graph.TenantGraph;
import io.calbridge.service.graph.TenantGraphs;
import io.calbridge.service.tenants.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Graph client provisioning's background work uses for a tenant: the kernel's {@link TenantGraphs} choice (the
 * newest credential that has not expired), except when Entra rejects that credential as invalid or expired while the
 * tenant holds an overlapping one (rotation): then the other credential is used. Each credential of a configuration
 * is checked once by acquiring a token (cached by MSAL afterwards), and a rejected one is tried again after
 * {@code calbridge.provisioning.credential-recheck} (default 5 min), so fixing it in Entra takes effect without a
 * restart. Transient token failures never switch credentials. The connection test keeps using the kernel's choice,
 * so that it reports the rejected credential.
 */
@Component
public class FallbackTenantGraphs {

    private static final Logger log = LoggerFactory.getLogger(FallbackTenantGraphs.class);
    private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(30);

    private final TenantRegistry registry;
    private final TenantGraphs graphs;
    private final Clock clock;
    private final Duration recheck;
    /** Per tenant, configuration version and credential: whether Entra accepted it, and when that was last seen. */
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

    private record Verdict(boolean accepted, Instant checkedAt) {}

    public FallbackTenantGraphs(TenantRegistry registry, TenantGraphs graphs, Clock clock,
                                @Value("${calbridge.provisioning.credential-recheck:5m}") Duration recheck) {
        this.registry = registry;
        this.graphs = graphs;
        this.clock = clock;
        this.recheck = recheck;
    }

    /**
     * The client for the tenant's first usable credential, newest first.
     *
     * @throws io.calbridge.messaging.UnknownTenant when the tenant is not configured
     */
    public TenantGraph forTenant(String tenantId) {
        TenantConfigured tenant = registry.require(tenantId);
        Instant now = clock.instant();
        List<SealedCredential> candidates = tenant.credentials().stream()
                .filter(c -> c.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(SealedCredential::expiresAt).reversed())
                .toList();
        if (candidates.size() < 2) {
            return graphs.forConfiguration(tenant); // nothing to fall back to: calls fail with Entra's own answer
        }
        for (SealedCredential credential : candidates) {
            TenantGraph graph = graphs.forCredential(tenant, credential);
            if (accepted(tenant, credential, graph, now)) {
                return graph;
            }
        }
        return graphs.forConfiguration(tenant); // every credential rejected: let the call report it
    }

    private boolean accepted(TenantConfigured tenant, SealedCredential credential, TenantGraph graph, Instant now) {
        String key = tenant.tenantId() + "|" + tenant.version() + "|" + credential.credentialId();
        Verdict known = verdicts.get(key);
        if (known != null && (known.accepted() || known.checkedAt().plus(recheck).isAfter(now))) {
            return known.accepted();
        }
        boolean accepted;
        try {
            graph.acquireToken().get(TOKEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            accepted = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (Exception e) {
            Throwable cause = e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException
                    ? e.getCause() : e;
            if (!(cause instanceof GraphFailure.CredentialInvalid || cause instanceof GraphFailure.CredentialExpired)) {
                return true; // Entra unreachable or similar: no reason to distrust this credential
            }
            accepted = false;
            log.warn("Credential {} of tenant {} was rejected by Entra ({}); using the tenant's other credential until it is "
                    + "accepted again", credential.credentialId(), tenant.tenantId(), ((GraphFailure) cause).code());
        }
        verdicts.put(key, new Verdict(accepted, now));
        return accepted;
    }
}
