package io.calbridge.graph;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MSAL confidential client per credential. Tokens come from MSAL's cache first; a token within the refresh
 * margin of expiry is renewed ahead of time, one renewal at a time. Tokens are held here only and never logged.
 */
final class TokenSource implements AccessTokenProvider {
    private static final Logger log = LoggerFactory.getLogger(TokenSource.class);

    private final TenantCredential credential;
    private final ConfidentialClientApplication app;
    private final Set<String> scopes;
    private final Duration refreshMargin;
    private final AllowedHostsValidator allowedHosts;

    private record Issued(String accessToken, TokenInfo info) {}

    private volatile @Nullable Issued current;
    private volatile boolean bypassCache;
    private @Nullable CompletableFuture<Issued> renewing;

    TokenSource(TenantCredential credential, GraphSettings settings, ExecutorService executor) {
        this.credential = credential;
        this.scopes = Set.of(settings.scope());
        this.refreshMargin = settings.tokenRefreshMargin();
        this.allowedHosts = new AllowedHostsValidator(credential.graphBaseUrl().getHost());
        IClientCredential msalCredential = switch (credential.secret()) {
            case CredentialMaterial.ClientSecret s -> ClientCredentialFactory.createFromSecret(new String(s.value()));
            case CredentialMaterial.ClientCertificate c -> ClientCredentialFactory.createFromCertificate(c.key(), c.certificate());
        };
        try {
            var builder = ConfidentialClientApplication.builder(credential.clientId(), msalCredential)
                    .authority(credential.authority())
                    // The authority is configured, never discovered: no call to login.microsoftonline.com's instance metadata.
                    .instanceDiscovery(false)
                    .executorService(executor)
                    .connectTimeoutForDefaultHttpClient((int) settings.timeouts().connect().toMillis())
                    .readTimeoutForDefaultHttpClient((int) settings.timeouts().read().toMillis());
            if (credential.trust() != null) builder.sslSocketFactory(credential.trust().sslContext().getSocketFactory());
            this.app = builder.build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Invalid authority " + credential.authority(), e);
        }
    }

    /** The current token's facts, renewing it first if it is missing or close to expiry. */
    CompletableFuture<TokenInfo> info() {
        return issued().thenApply(Issued::info);
    }

    /** Drops the cached token after Graph answered 401, so the next call fetches a new one. */
    void invalidate() {
        bypassCache = true;
        current = null;
    }

    private CompletableFuture<Issued> issued() {
        Issued now = current;
        if (now != null && Instant.now().isBefore(now.info().expiresAt().minus(refreshMargin))) {
            return CompletableFuture.completedFuture(now);
        }
        return renew(now);
    }

    private synchronized CompletableFuture<Issued> renew(@Nullable Issued stale) {
        if (renewing != null) return renewing;
        // Silent first: MSAL's cache answers unless we hold a token that is due for renewal.
        boolean skipCache = stale != null || bypassCache;
        bypassCache = false;
        ClientCredentialParameters parameters = ClientCredentialParameters.builder(scopes).skipCache(skipCache).build();
        String correlation = UUID.randomUUID().toString();
        CompletableFuture<Issued> attempt;
        try {
            attempt = app.acquireToken(parameters).thenApply(this::toIssued);
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Issued> result = attempt.handle((issued, error) -> {
            synchronized (this) {
                renewing = null;
            }
            if (error == null) {
                current = issued;
                return issued;
            }
            GraphFailure failure = Failures.fromToken(error, correlation);
            if (stale != null && Instant.now().isBefore(stale.info().expiresAt()) && failure instanceof GraphFailure.Transient) {
                log.warn("Token renewal for tenant {} app {} failed, still using the current token: {}",
                        credential.tenantId(), credential.clientId(), failure.getMessage());
                return stale;
            }
            throw failure;
        });
        // MSAL may answer from its cache synchronously, in which case the handler above has already run.
        if (!result.isDone()) renewing = result;
        return result;
    }

    private Issued toIssued(IAuthenticationResult result) {
        JsonObject claims = claims(result.accessToken());
        Set<String> roles = new HashSet<>();
        JsonElement r = claims.get("roles");
        if (r != null && r.isJsonArray()) r.getAsJsonArray().forEach(e -> roles.add(e.getAsString()));
        String tid = claims.has("tid") ? claims.get("tid").getAsString() : credential.tenantId();
        return new Issued(result.accessToken(), new TokenInfo(tid, credential.clientId(),
                result.expiresOnDate().toInstant(), roles, credential.expiresAt()));
    }

    /** The JWT payload, read but not validated (Graph tokens are not for clients to validate); empty if opaque. */
    private static JsonObject claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) return new JsonObject();
        try {
            String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            JsonElement e = JsonParser.parseString(json);
            return e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }

    // --- kiota AccessTokenProvider: called by the SDK on the virtual thread that runs the request ---

    @Override public String getAuthorizationToken(URI uri, @Nullable Map<String, Object> additionalContext) {
        if (!allowedHosts.isUrlHostValid(uri)) return "";
        return issued().join().accessToken();
    }

    @Override public AllowedHostsValidator getAllowedHostsValidator() { return allowedHosts; }
}
