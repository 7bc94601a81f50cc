package io.calbridge.emulator.store;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** Everything one tenant holds. Maps are concurrent; compound updates lock the object they change. */
public final class Tenant {
    public final String id;
    public final String domain;
    public final Map<String, AppRegistration> apps = new ConcurrentHashMap<>();
    public final Map<String, DirectoryUser> users = new ConcurrentHashMap<>();
    /** Lower-cased userPrincipalName and mail → user id. */
    public final Map<String, String> userNames = new ConcurrentHashMap<>();
    public final Map<String, DirectoryGroup> groups = new ConcurrentHashMap<>();
    public final Map<String, DirectoryGroup> administrativeUnits = new ConcurrentHashMap<>();
    /** Lower-cased email address → room. */
    public final Map<String, Room> rooms = new ConcurrentHashMap<>();
    public final Map<String, RoomList> roomLists = new ConcurrentHashMap<>();
    public final List<AccessRules.ApplicationAccessPolicy> accessPolicies = new CopyOnWriteArrayList<>();
    public final Map<String, AccessRules.ManagementScope> managementScopes = new ConcurrentHashMap<>();
    public final List<AccessRules.RoleAssignment> roleAssignments = new CopyOnWriteArrayList<>();
    public final Map<String, MailboxCalendar> calendars = new ConcurrentHashMap<>();
    public final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** Monotonic change sequence shared by users and events; delta tokens carry a position in it. */
    public final AtomicLong sequence = new AtomicLong();
    /** Bumped by seeds that change scoping input, so cached access decisions can be told apart. */
    public final AtomicLong scopeGeneration = new AtomicLong();

    public Tenant(String id, String domain) {
        this.id = id;
        this.domain = domain;
    }

    /** Finds a user by object id, userPrincipalName or mail, ignoring case for names. */
    public @Nullable DirectoryUser user(String idOrName) {
        DirectoryUser u = users.get(idOrName);
        if (u != null) return u;
        String id = userNames.get(idOrName.toLowerCase(Locale.ROOT));
        return id == null ? null : users.get(id);
    }

    public MailboxCalendar calendar(String mailboxId) {
        return calendars.computeIfAbsent(mailboxId, MailboxCalendar::new);
    }

    public long nextVersion() { return sequence.incrementAndGet(); }
}
