package io.calbridge.emulator.auth;

import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.store.AccessRules;
import io.calbridge.emulator.store.AccessRules.ApplicationAccessPolicy;
import io.calbridge.emulator.store.AccessRules.RoleAssignment;
import io.calbridge.emulator.store.DirectoryGroup;
import io.calbridge.emulator.store.DirectoryUser;
import io.calbridge.emulator.store.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether an app may reach a mailbox (GRAPH-FACTS §4): the Entra permission filtered by
 * Application Access Policies (DenyAccess beats RestrictAccess; with RestrictAccess policies only their
 * groups are reachable), united with Exchange RBAC for Applications role assignments in scope.
 * Decisions are cached per app and mailbox for the propagation delay, like Exchange's permission cache.
 */
public final class MailboxAccess {
    /** Why access was or was not granted. */
    public enum Verdict { ALLOWED, NO_PERMISSION, POLICY_DENIED }

    private record Cached(Verdict verdict, Instant at) {}

    public static final String RAOP = "Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.";

    private final Clock clock;
    private final Duration propagation;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public MailboxAccess(Clock clock, Duration propagation) {
        this.clock = clock;
        this.propagation = propagation;
    }

    public void clear() { cache.clear(); }

    /** Throws Graph's 403 unless the app may read (or, with {@code write}, write) the mailbox's calendar. */
    public void check(Tenant t, Principal p, DirectoryUser mailbox, boolean write) {
        Verdict v = decide(t, p, mailbox, write);
        switch (v) {
            case ALLOWED -> { }
            case POLICY_DENIED -> throw new GraphException(403, "ErrorAccessDenied", RAOP);
            case NO_PERMISSION -> throw GraphException.accessDenied();
        }
    }

    public Verdict decide(Tenant t, Principal p, DirectoryUser mailbox, boolean write) {
        String key = t.id + '|' + p.appId() + '|' + mailbox.id + '|' + write;
        Instant now = clock.instant();
        if (!propagation.isZero()) {
            Cached c = cache.get(key);
            if (c != null && Duration.between(c.at(), now).compareTo(propagation) < 0) return c.verdict();
        }
        Verdict v = evaluate(t, p, mailbox, write);
        if (!propagation.isZero()) cache.put(key, new Cached(v, now));
        return v;
    }

    private Verdict evaluate(Tenant t, Principal p, DirectoryUser mailbox, boolean write) {
        boolean entra = write ? p.roles().contains("Calendars.ReadWrite")
                : p.roles().contains("Calendars.Read") || p.roles().contains("Calendars.ReadWrite");
        boolean policyAllows = policyAllows(t, p.appId(), mailbox);
        if (entra && policyAllows) return Verdict.ALLOWED;
        if (rbacAllows(t, p, mailbox, write)) return Verdict.ALLOWED;
        return entra ? Verdict.POLICY_DENIED : Verdict.NO_PERMISSION;
    }

    private static boolean policyAllows(Tenant t, String appId, DirectoryUser mailbox) {
        boolean restricted = false;
        boolean inRestrict = false;
        for (ApplicationAccessPolicy pol : t.accessPolicies) {
            if (!pol.appId().equals("*") && !pol.appId().equalsIgnoreCase(appId)) continue;
            boolean member = inPolicyScope(t, pol.groupId(), mailbox);
            if (pol.accessRight() == AccessRules.Right.DenyAccess && member) return false;
            if (pol.accessRight() == AccessRules.Right.RestrictAccess) {
                restricted = true;
                inRestrict |= member;
            }
        }
        return !restricted || inRestrict;
    }

    private static boolean inPolicyScope(Tenant t, String scope, DirectoryUser mailbox) {
        if (scope.equals(mailbox.id) || scope.equalsIgnoreCase(mailbox.upn()) || scope.equalsIgnoreCase(mailbox.mail())) return true;
        DirectoryGroup g = group(t, scope);
        return g != null && g.members.contains(mailbox.id);
    }

    private static DirectoryGroup group(Tenant t, String idOrMail) {
        DirectoryGroup g = t.groups.get(idOrMail);
        if (g != null) return g;
        for (DirectoryGroup x : t.groups.values()) {
            if (idOrMail.equalsIgnoreCase(x.graph.path("mail").asText()) || idOrMail.equalsIgnoreCase(x.graph.path("displayName").asText())) return x;
        }
        return null;
    }

    private static boolean rbacAllows(Tenant t, Principal p, DirectoryUser mailbox, boolean write) {
        for (RoleAssignment a : t.roleAssignments) {
            if (!a.app().equalsIgnoreCase(p.appId()) && !a.app().equalsIgnoreCase(p.servicePrincipalId())) continue;
            String role = a.role().toLowerCase(Locale.ROOT);
            boolean grants = role.equals("application calendars.readwrite") || role.equals("application exchange full access")
                    || (!write && role.equals("application calendars.read"));
            if (!grants) continue;
            boolean inScope = switch (a.scopeType()) {
                case ORGANIZATION -> true;
                case ADMINISTRATIVE_UNIT -> {
                    DirectoryGroup au = t.administrativeUnits.get(a.scope());
                    if (au == null) {
                        au = t.administrativeUnits.values().stream()
                                .filter(x -> x.graph.path("displayName").asText().equalsIgnoreCase(a.scope())).findFirst().orElse(null);
                    }
                    yield au != null && au.members.contains(mailbox.id);
                }
                case GROUP -> {
                    DirectoryGroup g = group(t, a.scope());
                    yield g != null && g.members.contains(mailbox.id);
                }
                case CUSTOM_RESOURCE_SCOPE -> {
                    AccessRules.ManagementScope s = t.managementScopes.get(a.scope());
                    yield s != null && RecipientFilter.matches(s.recipientRestrictionFilter(), t, mailbox);
                }
            };
            if (inScope) return true;
        }
        return false;
    }
}
