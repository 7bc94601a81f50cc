package io.calbridge.graph;

import java.util.Locale;

/**
 * What a call touches, which decides the pacing budget it draws on: Outlook limits are per app and mailbox,
 * directory write limits per app and tenant.
 */
public sealed interface GraphTarget permits GraphTarget.Mailbox, GraphTarget.Directory {

    /** Key of the pacing budget inside one tenant and app. */
    String pacingKey();

    /**
     * A user, room or group mailbox. Use one spelling per mailbox (id or UPN) throughout, because the budget is
     * keyed by it; Graph counts both spellings against the same mailbox.
     */
    record Mailbox(String userIdOrUpn) implements GraphTarget {
        public Mailbox {
            if (userIdOrUpn.isBlank()) throw new IllegalArgumentException("blank mailbox");
        }

        @Override public String pacingKey() { return "mailbox:" + userIdOrUpn.toLowerCase(Locale.ROOT); }
    }

    /** Directory calls (users, groups, administrative units). Writes (POST, PATCH, PUT, DELETE) draw on the tenant's write budget. */
    record Directory() implements GraphTarget {
        @Override public String pacingKey() { return "directory"; }
    }

    static Mailbox mailbox(String userIdOrUpn) { return new Mailbox(userIdOrUpn); }

    static Directory directory() { return new Directory(); }
}
