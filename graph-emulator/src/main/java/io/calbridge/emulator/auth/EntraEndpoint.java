package io.calbridge.emulator.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.store.AppRegistration;
import io.calbridge.emulator.store.Store;
import io.calbridge.emulator.store.Tenant;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Microsoft Entra ID's v2.0 endpoints that MSAL4J uses for client credentials: the token endpoint
 * (secret or client assertion), OIDC discovery, JWKS and instance discovery. Errors are AADSTS-shaped.
 */
public final class EntraEndpoint {
    /** A status and JSON body; Entra's errors are not Graph's error shape. */
    public record Reply(int status, JsonNode body) {}

    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private final Store store;
    private final TokenIssuer issuer;
    private final Clock clock;
    private final Consumer<String> tokenCounter;

    public EntraEndpoint(Store store, TokenIssuer issuer, Clock clock, Consumer<String> tokenCounter) {
        this.store = store;
        this.issuer = issuer;
        this.clock = clock;
        this.tokenCounter = tokenCounter;
    }

    /** @param host the https origin the request came to, e.g. {@code https://127.0.0.1:41235} */
    public @Nullable Reply handle(String method, String path, @Nullable String authorization, byte[] body, String host) {
        String[] seg = path.substring(1).split("/");
        if (seg.length >= 3 && seg[0].equals("common") && seg[1].equals("discovery") && seg[2].equals("instance")) {
            return instanceDiscovery(host);
        }
        if (seg.length >= 2 && seg[1].equals("discovery") && (path.endsWith("/keys"))) {
            return new Reply(200, issuer.jwks());
        }
        if (path.endsWith("/.well-known/openid-configuration") && method.equals("GET")) {
            return openIdConfiguration(seg[0], host, path.contains("/v2.0/"));
        }
        if (seg.length == 4 && seg[1].equals("oauth2") && seg[2].equals("v2.0") && seg[3].equals("token")) {
            if (!method.equals("POST")) return error(405, "invalid_request", 900561, "The endpoint only accepts POST requests.");
            return token(seg[0], authorization, body, host);
        }
        return null;
    }

    private Reply instanceDiscovery(String host) {
        String authority = host.replaceFirst("^https://", "");
        ObjectNode doc = Json.object().put("tenant_discovery_endpoint", host + "/common/v2.0/.well-known/openid-configuration")
                .put("api-version", "1.1");
        ObjectNode m = doc.putArray("metadata").addObject().put("preferred_network", authority).put("preferred_cache", authority);
        m.putArray("aliases").add(authority);
        return new Reply(200, doc);
    }

    private Reply openIdConfiguration(String tenantSegment, String host, boolean v2) {
        Tenant t = store.tenant(tenantSegment);
        String tid = t != null ? t.id : tenantSegment;
        ObjectNode doc = Json.object();
        doc.put("token_endpoint", host + "/" + tid + "/oauth2/v2.0/token");
        doc.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("private_key_jwt").add("client_secret_basic");
        doc.put("jwks_uri", host + "/" + tid + "/discovery/v2.0/keys");
        doc.putArray("response_modes_supported").add("query").add("fragment").add("form_post");
        doc.putArray("subject_types_supported").add("pairwise");
        doc.putArray("id_token_signing_alg_values_supported").add("RS256");
        doc.putArray("response_types_supported").add("code").add("id_token").add("code id_token").add("id_token token");
        doc.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
        doc.put("issuer", v2 ? host + "/" + tid + "/v2.0" : "https://sts.windows.net/" + tid + "/");
        doc.put("authorization_endpoint", host + "/" + tid + "/oauth2/v2.0/authorize");
        doc.put("device_authorization_endpoint", host + "/" + tid + "/oauth2/v2.0/devicecode");
        doc.put("end_session_endpoint", host + "/" + tid + "/oauth2/v2.0/logout");
        doc.put("tenant_region_scope", "EU");
        doc.put("cloud_instance_name", "microsoftonline.com");
        doc.put("msgraph_host", "graph.microsoft.com");
        return new Reply(200, doc);
    }

    private Reply token(String tenantSegment, @Nullable String authorization, byte[] body, String host) {
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        Tenant tenant = store.tenant(tenantSegment);
        if (tenant == null) {
            return error(400, "invalid_tenant", 90002, "Tenant '" + tenantSegment + "' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '" + form.get("grant_type") + "'.");
        }
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8).split(":", 2);
            clientId = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
        }
        if (clientId == null) {
            return error(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.");
        }
        String scope = form.getOrDefault("scope", "");
        boolean graphDefault = false;
        for (String s : scope.split(" ")) {
            if (s.equals(TokenIssuer.GRAPH_AUDIENCE + "/.default") || s.equals("00000003-0000-0000-c000-000000000000/.default")) graphDefault = true;
            else if (!s.isEmpty() && !s.equals("openid") && !s.equals("profile") && !s.equals("offline_access")) {
                return error(400, "invalid_scope", 70011, "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope " + scope + " is not valid.");
            }
        }
        if (!graphDefault) {
            return error(400, "invalid_scope", 70011, "The provided value for the input parameter 'scope' is not valid. The scope " + scope + " is not valid.");
        }
        AppRegistration app = tenant.apps.get(clientId);
        if (app == null) {
            return error(400, "unauthorized_client", 700016, "Application with identifier '" + clientId + "' was not found in the directory '" + tenant.domain
                    + "'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.");
        }
        Instant now = clock.instant();
        boolean certificate;
        if (secret != null) {
            certificate = false;
            String given = secret;
            AppRegistration.Secret match = app.secrets().stream().filter(s -> s.value().equals(given)).findFirst().orElse(null);
            if (match == null) {
                return error(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" + clientId + "'.");
            }
            if (!match.expires().isAfter(now)) {
                return error(401, "invalid_client", 7000222, "The provided client secret keys for app '" + clientId + "' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.");
            }
        } else if (form.containsKey("client_assertion")) {
            certificate = true;
            if (!JWT_BEARER.equals(form.get("client_assertion_type"))) {
                return error(400, "invalid_request", 50027, "Invalid client_assertion_type; expected '" + JWT_BEARER + "'.");
            }
            Reply failure = checkAssertion(tenant, app, form.get("client_assertion"), host, now);
            if (failure != null) return failure;
        } else {
            return error(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }
        tokenCounter.accept(clientId);
        ObjectNode ok = Json.object().put("token_type", "Bearer").put("expires_in", TokenIssuer.LIFETIME_SECONDS)
                .put("ext_expires_in", TokenIssuer.LIFETIME_SECONDS).put("access_token", issuer.issue(tenant, app, certificate));
        return new Reply(200, ok);
    }

    private @Nullable Reply checkAssertion(Tenant tenant, AppRegistration app, String assertion, String host, Instant now) {
        Jwt.Parsed p;
        try {
            p = Jwt.parse(assertion);
        } catch (IllegalArgumentException e) {
            return error(401, "invalid_client", 50027, "JWT token is invalid or malformed.");
        }
        // MSAL4J sends the thumbprint in standard base64 with padding, the docs show base64url: accept both.
        String x5tS256 = normalize(p.header().path("x5t#S256").asText(null));
        String x5t = normalize(p.header().path("x5t").asText(null));
        AppRegistration.Certificate cert = app.certificates().stream()
                .filter(c -> normalize(c.x5tS256()).equals(x5tS256) || normalize(c.x5t()).equals(x5t)).findFirst().orElse(null);
        if (cert == null) {
            return error(401, "invalid_client", 700027, "Client assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: '"
                    + (x5t != null ? x5t : x5tS256) + "'. Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '" + app.clientId() + "'.]");
        }
        if (!Jwt.verify(p, cert.publicKey())) {
            return error(401, "invalid_client", 700027, "Client assertion failed signature validation. [Reason - The provided signature value did not match the expected signature value.]");
        }
        JsonNode c = p.claims();
        if (!app.clientId().equals(c.path("iss").asText()) || !app.clientId().equals(c.path("sub").asText())) {
            return error(401, "invalid_client", 700021, "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://docs.microsoft.com/en-us/azure/active-directory/develop/active-directory-certificate-credentials .");
        }
        String aud = c.path("aud").asText();
        boolean audOk = aud.endsWith("/oauth2/v2.0/token") && (aud.startsWith("https://login.microsoftonline.com/") || aud.startsWith(host + "/"))
                && (aud.contains("/" + tenant.id + "/") || aud.contains("/" + tenant.domain + "/"));
        if (!audOk) {
            return error(401, "invalid_client", 700023, "Client assertion audience claim does not match Realm issuer. Review the documentation at https://docs.microsoft.com/en-us/azure/active-directory/develop/active-directory-certificate-credentials .");
        }
        long t = now.getEpochSecond();
        if (c.path("exp").asLong(0) < t - 300 || c.path("nbf").asLong(0) > t + 300) {
            return error(401, "invalid_client", 700024, "Client assertion is not within its valid time range.");
        }
        return null;
    }

    private static @Nullable String normalize(@Nullable String thumbprint) {
        if (thumbprint == null) return null;
        return thumbprint.replace('+', '-').replace('/', '_').replace("=", "");
    }

    private Reply error(int status, String error, int code, String text) {
        String trace = UUID.randomUUID().toString();
        String corr = UUID.randomUUID().toString();
        String ts = Json.offset(clock.instant());
        ObjectNode b = Json.object().put("error", error)
                .put("error_description", "AADSTS" + code + ": " + text + "\r\nTrace ID: " + trace + "\r\nCorrelation ID: " + corr + "\r\nTimestamp: " + ts);
        b.putArray("error_codes").add(code);
        b.put("timestamp", ts).put("trace_id", trace).put("correlation_id", corr)
                .put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        return new Reply(status, b);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
