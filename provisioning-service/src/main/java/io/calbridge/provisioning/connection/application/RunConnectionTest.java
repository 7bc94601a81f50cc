package io.calbridge.provisioning.connection.application;

import io.calbridge.provisioning.connection.domain.Check;
import io.calbridge.provisioning.connection.domain.ConnectionReport;
import io.calbridge.provisioning.connection.domain.RequiredRoles;
import io.calbridge.provisioning.connection.domain.Verdict;
import io.calbridge.provisioning.tenant.application.Tenants;
import io.calbridge.provisioning.tenant.domain.EnrollmentPolicy;
import io.calbridge.provisioning.tenant.domain.ServiceCredential;
import io.calbridge.provisioning.tenant.domain.Strategy;
import io.calbridge.provisioning.tenant.domain.Tenant;
import io.calbridge.provisioning.tenant.domain.TenantNotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * "Run test": proves what the service account can reach, check by check, each with remediation text. The most
 * important check is that a mailbox outside the scope is denied: if it is readable, the scope restricts nothing.
 */
@Service
public class RunConnectionTest {

    private static final Logger log = LoggerFactory.getLogger(RunConnectionTest.class);
    private static final int ROOMS_READ_PER_LIST = 5;

    private final Tenants tenants;
    private final ServiceAccountProbe probe;
    private final Clock clock;

    public RunConnectionTest(Tenants tenants, ServiceAccountProbe probe, Clock clock) {
        this.tenants = tenants;
        this.probe = probe;
        this.clock = clock;
    }

    /**
     * @param inScopeMailbox    a mailbox that should be reachable; null for the policy's default
     * @param outOfScopeMailbox a mailbox that should be denied; null for the policy's default
     */
    public ConnectionReport run(String tenantId, String inScopeMailbox, String outOfScopeMailbox) {
        Tenant tenant = tenants.find(tenantId).filter(t -> !t.removed()).orElseThrow(() -> new TenantNotFound(tenantId));
        EnrollmentPolicy policy = tenant.policy();
        String inScope = inScopeMailbox != null ? inScopeMailbox : policy.testMailboxInScope();
        String outOfScope = outOfScopeMailbox != null ? outOfScopeMailbox : policy.testMailboxOutOfScope();
        Instant now = clock.instant();
        List<Check> checks = new ArrayList<>();

        ServiceAccountProbe.Token token;
        try {
            token = probe.token(tenantId);
            checks.add(Check.pass("token", "Entra ID issued an app-only token for client " + tenant.clientId() + " (expires "
                    + token.expiresAt() + ")"));
        } catch (ServiceAccountProbe.CredentialRejected e) {
            checks.add(new Check("token", Verdict.FAIL, "Entra ID refused the credential: " + e.getMessage(), e.expired()
                    ? "The client secret has expired: create a new one in the app registration and add it with POST /api/tenants/"
                            + tenantId + "/credentials."
                    : "Check the tenant id and client id, that the secret is the secret's VALUE (not its id) or that the "
                            + "certificate is uploaded to the app registration, and that an admin granted consent in this tenant "
                            + "(AADSTS700016 means the app has no service principal there)."));
            checks.add(expiry(tenant, now));
            return report(tenantId, checks, now);
        }

        checks.add(roles(policy.strategy(), token.roles()));
        if (policy.strategy().exchangeRbac()) {
            checks.add(tenantWideConsent(token.roles()));
        }
        checks.add(inScope(tenantId, policy, inScope));
        checks.add(outOfScope(tenantId, policy, outOfScope));
        checks.add(rooms(tenantId, policy));
        checks.add(expiry(tenant, now));
        return report(tenantId, checks, now);
    }

    private ConnectionReport report(String tenantId, List<Check> checks, Instant now) {
        ConnectionReport report = ConnectionReport.of(tenantId, checks, now);
        log.info("Connection test of tenant {}: {}", tenantId, report.overall());
        return report;
    }

    private static Check roles(Strategy strategy, Set<String> roles) {
        List<String> required = RequiredRoles.inToken(strategy);
        List<String> missing = required.stream().filter(r -> !roles.contains(r)).toList();
        String granted = "token roles: " + new TreeSet<>(roles);
        if (missing.isEmpty()) {
            return Check.pass("roles", "All application permissions the " + strategy + " strategy needs are granted (" + granted + ")"
                    + (strategy.exchangeRbac() ? "; calendar access comes from Exchange RBAC for Applications" : ""));
        }
        return new Check("roles", Verdict.FAIL, "Missing application permissions: " + missing + " (" + granted + ")",
                "Add the missing Microsoft Graph application permissions to the app registration and grant admin consent "
                        + "(GET /api/tenants/{id}/setup-script?shell=graph generates the commands).");
    }

    private static Check tenantWideConsent(Set<String> roles) {
        if (roles.contains(RequiredRoles.CALENDARS) || roles.contains("Calendars.Read")) {
            return new Check("tenant-wide-consent", Verdict.FAIL,
                    "The token carries Calendars.* from Entra admin consent: that reaches EVERY mailbox in the tenant, and the "
                            + "Exchange RBAC scope restricts nothing (Entra consent and RBAC grants are a union).",
                    "Remove the Calendars.ReadWrite application permission from the app in Entra (Enterprise applications > "
                            + "Permissions > revoke) and grant it only through New-ManagementRoleAssignment -App ... -Role "
                            + "\"Application Calendars.ReadWrite\" scoped to the administrative unit or group.");
        }
        return Check.pass("tenant-wide-consent", "No tenant-wide Calendars permission in Entra; access comes only from the scoped "
                + "Exchange role assignment");
    }

    private Check inScope(String tenantId, EnrollmentPolicy policy, String mailbox) {
        if (mailbox == null) {
            return new Check("mailbox-in-scope", Verdict.WARN, "No in-scope test mailbox given",
                    "Pass inScopeMailbox, or set testMailboxes.inScope in the enrollment policy.");
        }
        ServiceAccountProbe.Read read = probe.readCalendar(tenantId, mailbox);
        return switch (read.access()) {
            case READABLE -> Check.pass("mailbox-in-scope", "Read the calendar of " + mailbox);
            case DENIED -> new Check("mailbox-in-scope", Verdict.FAIL, "Access to " + mailbox + " was denied: " + read.detail(),
                    "Make sure " + mailbox + " is in " + scopeName(policy) + " and that the role assignment exists "
                            + "(Test-ServicePrincipalAuthorization / Test-ApplicationAccessPolicy). Scope changes take 30 minutes "
                            + "to 2 hours to reach Graph.");
            case NOT_FOUND -> new Check("mailbox-in-scope", Verdict.FAIL, mailbox + " has no Exchange Online mailbox: " + read.detail(),
                    "Use a licensed user with a mailbox.");
            case ERROR -> new Check("mailbox-in-scope", Verdict.WARN, "Could not read " + mailbox + ": " + read.detail(),
                    "Graph was unavailable or throttled; run the test again.");
        };
    }

    private Check outOfScope(String tenantId, EnrollmentPolicy policy, String mailbox) {
        if (policy.strategy() == Strategy.TENANT_WIDE) {
            return new Check("mailbox-out-of-scope", Verdict.WARN, "The TENANT_WIDE strategy reaches every mailbox by design",
                    "Prefer ADMINISTRATIVE_UNIT with RBAC for Applications to limit the service account to enrolled mailboxes.");
        }
        if (mailbox == null) {
            return new Check("mailbox-out-of-scope", Verdict.WARN, "No out-of-scope test mailbox given, so the scope is unproven",
                    "Pass outOfScopeMailbox, or set testMailboxes.outOfScope in the enrollment policy.");
        }
        ServiceAccountProbe.Read read = probe.readCalendar(tenantId, mailbox);
        return switch (read.access()) {
            case DENIED -> Check.pass("mailbox-out-of-scope", "Access to " + mailbox + " (outside the scope) was denied, as it should be");
            case READABLE -> new Check("mailbox-out-of-scope", Verdict.FAIL,
                    "THE SCOPE RESTRICTS NOTHING: the service account read " + mailbox + ", which is outside " + scopeName(policy)
                            + ". Typical cause: tenant-wide Calendars.ReadWrite consent in Entra as well as the scoped grant, "
                            + "or an organisation-wide role assignment.",
                    "Revoke the tenant-wide Calendars.* application permission in Entra, remove organisation-wide "
                            + "'Application Calendars.*' role assignments (Get-ManagementRoleAssignment -RoleAssigneeType "
                            + "ServicePrincipal), and check that " + mailbox + " is really outside the scope.");
            case NOT_FOUND -> new Check("mailbox-out-of-scope", Verdict.WARN, mailbox + " has no mailbox, so the scope is unproven",
                    "Use an existing mailbox outside the scope.");
            case ERROR -> new Check("mailbox-out-of-scope", Verdict.WARN, "Could not read " + mailbox + ": " + read.detail(),
                    "Graph was unavailable or throttled; run the test again.");
        };
    }

    private Check rooms(String tenantId, EnrollmentPolicy policy) {
        List<String> roomLists = policy.rooms().roomListAddresses();
        if (roomLists.isEmpty()) {
            return new Check("rooms", Verdict.SKIPPED, "The policy has no room lists", null);
        }
        List<String> readable = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String roomList : roomLists) {
            List<String> rooms;
            try {
                rooms = probe.roomsOf(tenantId, roomList);
            } catch (RuntimeException e) {
                problems.add(roomList + ": cannot list rooms (" + e.getMessage() + ")");
                continue;
            }
            if (rooms.isEmpty()) {
                problems.add(roomList + ": no rooms (new rooms take up to 48 hours to appear in Places)");
            }
            for (String room : rooms.stream().limit(ROOMS_READ_PER_LIST).toList()) {
                ServiceAccountProbe.Read read = probe.readCalendar(tenantId, room);
                if (read.access() == ServiceAccountProbe.Access.READABLE) {
                    readable.add(room);
                } else {
                    problems.add(room + ": " + read.access() + " " + read.detail());
                }
            }
        }
        if (problems.isEmpty()) {
            return Check.pass("rooms", "Read the calendars of " + readable);
        }
        return new Check("rooms", readable.isEmpty() ? Verdict.FAIL : Verdict.WARN,
                "Readable: " + readable + "; problems: " + problems,
                "Grant Place.Read.All, and put the rooms in the room scope (POST /api/tenants/" + tenantId + "/rooms/enroll).");
    }

    private static Check expiry(Tenant tenant, Instant now) {
        ServiceCredential current = tenant.currentCredential();
        long days = current.daysLeft(now);
        String detail = "The " + current.kind() + " credential " + current.credentialId() + " expires at " + current.expiresAt()
                + " (" + days + " days left)";
        return switch (current.warning(now)) {
            case NONE -> Check.pass("credential-expiry", detail);
            case WITHIN_30_DAYS, WITHIN_7_DAYS, WITHIN_1_DAY -> new Check("credential-expiry", Verdict.WARN, detail,
                    "Create the next credential in the app registration and add it (POST /api/tenants/" + tenant.tenantId()
                            + "/credentials); both work until the old one is removed.");
            case EXPIRED -> new Check("credential-expiry", Verdict.FAIL, detail, "Add a new credential now.");
        };
    }

    private static String scopeName(EnrollmentPolicy policy) {
        String name = policy.scopeDisplayName() != null ? policy.scopeDisplayName() : policy.scopeObjectId();
        return "the " + policy.strategy() + " scope " + (name == null ? "(not configured)" : "'" + name + "'");
    }
}
