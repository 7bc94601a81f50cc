package io.calbridge.emulator.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A user object. {@code graph} holds the Graph properties exactly as emitted; Exchange-only recipient
 * properties (CustomAttribute1–15) live in {@code customAttributes} because Graph does not expose them.
 */
public final class DirectoryUser {
    /** What kind of Exchange mailbox stands behind the user, if any. */
    public enum MailboxKind { USER, ROOM, NONE }

    public final String id;
    public final ObjectNode graph;
    public final Map<String, String> customAttributes;
    public final MailboxKind mailbox;
    /** Tenant change sequence at the last change, for {@code /users/delta}. */
    public volatile long version;

    public DirectoryUser(String id, ObjectNode graph, Map<String, String> customAttributes, MailboxKind mailbox, long version) {
        this.id = id;
        this.graph = graph;
        this.customAttributes = customAttributes;
        this.mailbox = mailbox;
        this.version = version;
    }

    public String upn() { return graph.path("userPrincipalName").asText(); }
    public String mail() { return graph.path("mail").asText(upn()); }
}
