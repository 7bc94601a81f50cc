package io.calbridge.provisioning.scim.application;

import io.calbridge.provisioning.scim.domain.ScimUser;
import io.calbridge.provisioning.tenant.application.Tenants;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SCIM 2.0 users for Entra ID and Okta provisioning: create (active) publishes {@code UserOnboarded}, PATCH
 * {@code active=false} and DELETE publish {@code UserOffboarded}, with source SCIM, through the outbox.
 */
@Service
public class ScimProvisioning {

    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-fA-F-]{36}|[A-Za-z0-9-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScimUsers users;
    private final DirectoryPublications publications;
    private final Tenants tenants;
    private final Clock clock;

    public ScimProvisioning(ScimUsers users, DirectoryPublications publications, Tenants tenants, Clock clock) {
        this.users = users;
        this.publications = publications;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** Issues a new SCIM bearer token for the tenant (shown once; only its hash is kept). */
    @Transactional
    public String issueToken(String tenantId) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = "scim_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        users.saveTokenHash(tenantId, hash(token));
        return token;
    }

    /** The tenant a bearer token is for. */
    @Transactional(readOnly = true)
    public String authenticate(String bearer) {
        if (bearer == null || bearer.isBlank()) {
            throw new ScimProblem(401, null, "A bearer token is required");
        }
        String tenantId = users.tenantOfTokenHash(hash(bearer.strip()))
                .orElseThrow(() -> new ScimProblem(401, null, "The bearer token is not valid"));
        if (tenants.find(tenantId).filter(t -> !t.removed()).isEmpty()) {
            throw new ScimProblem(401, null, "The tenant of this token is not registered");
        }
        return tenantId;
    }

    @Transactional
    public ScimUser create(String tenantId, String externalId, String userName, String displayName, String email,
                           String department, boolean active) {
        if (externalId == null || !OBJECT_ID.matcher(externalId).matches()) {
            throw new ScimProblem(400, "invalidValue", "externalId must be the user's Entra object id (map objectId to externalId)");
        }
        if (userName == null || userName.isBlank()) {
            throw new ScimProblem(400, "invalidValue", "userName is required");
        }
        ScimUser user = new ScimUser(tenantId, externalId, userName.strip(), displayName, email, department, active, clock.instant());
        if (!users.insert(user)) {
            throw new ScimProblem(409, "uniqueness", "a user with this externalId or userName exists");
        }
        if (active) {
            publications.onboarded(user, UUID.randomUUID().toString());
        }
        return user;
    }

    @Transactional(readOnly = true)
    public ScimUser get(String tenantId, String userId) {
        return users.find(tenantId, userId).orElseThrow(() -> new ScimProblem(404, null, "no user " + userId));
    }

    @Transactional(readOnly = true)
    public Optional<ScimUser> byUserName(String tenantId, String userName) {
        return users.findByUserName(tenantId, userName);
    }

    @Transactional(readOnly = true)
    public List<ScimUser> list(String tenantId, int startIndex, int count) {
        return users.list(tenantId, startIndex, count);
    }

    @Transactional(readOnly = true)
    public int count(String tenantId) {
        return users.count(tenantId);
    }

    /** PATCH {@code active}: deactivation offboards, reactivation onboards again. */
    @Transactional
    public ScimUser setActive(String tenantId, String userId, boolean active) {
        ScimUser current = get(tenantId, userId);
        if (current.active() == active) {
            return current;
        }
        ScimUser next = current.withActive(active, clock.instant());
        users.update(next);
        if (active) {
            publications.onboarded(next, UUID.randomUUID().toString());
        } else {
            publications.offboarded(next, UUID.randomUUID().toString());
        }
        return next;
    }

    @Transactional
    public void delete(String tenantId, String userId) {
        ScimUser current = get(tenantId, userId);
        users.delete(tenantId, userId);
        if (current.active()) {
            publications.offboarded(current, UUID.randomUUID().toString());
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
