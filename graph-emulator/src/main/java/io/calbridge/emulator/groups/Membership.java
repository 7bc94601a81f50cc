package io.calbridge.emulator.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.store.DirectoryGroup;
import io.calbridge.emulator.store.DirectoryUser;
import io.calbridge.emulator.store.Tenant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Member reads and writes shared by groups and administrative units, with Graph's rules
 * (GRAPH-FACTS §3): references are {@code …/directoryObjects|users|groups/{id}} URLs; a bind adds at
 * most 20 members, all or nothing; duplicates and unknown objects fail with Graph's messages;
 * mail-enabled security groups and distribution lists are read-only.
 */
public final class Membership {
    public static final int MAX_BIND = 20;
    private static final Pattern REF = Pattern.compile("^https?://[^/]+/(?:v1\\.0|beta)/(?:directoryObjects|users|groups|devices|servicePrincipals)/([^/?]+)$|^(?:directoryObjects|users|groups)/([^/?]+)$", Pattern.CASE_INSENSITIVE);

    private Membership() {}

    public static String parseRef(JsonNode ref) {
        if (ref == null || !ref.isTextual()) {
            throw new GraphException(400, "Request_BadRequest", "Invalid object identifier 'null'.");
        }
        Matcher m = REF.matcher(ref.asText());
        if (!m.matches()) throw new GraphException(400, "Request_BadRequest", "Invalid object identifier '" + ref.asText() + "'.");
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    public static void requireWritable(DirectoryGroup g) {
        if (!g.kind.graphWritable()) {
            throw new GraphException(400, "Request_BadRequest", "Cannot Update a mail-enabled security groups and or distribution list.");
        }
    }

    /** Adds all or none; returns nothing, Graph answers 204. */
    public static void add(Tenant t, DirectoryGroup g, List<String> ids) {
        requireWritable(g);
        if (ids.size() > MAX_BIND) {
            throw new GraphException(400, "Request_BadRequest", "The maximum number of references that can be added in a single request is " + MAX_BIND + ".");
        }
        synchronized (g) {
            Set<String> seen = new LinkedHashSet<>();
            for (String id : ids) {
                if (t.users.get(id) == null && t.groups.get(id) == null) throw GraphException.directoryNotFound(id);
                if (g.members.contains(id) || !seen.add(id)) {
                    throw new GraphException(400, "Request_BadRequest", "One or more added object references already exist for the following modified properties: 'members'.");
                }
                if (id.equals(g.id)) throw new GraphException(400, "Request_BadRequest", "A group cannot be a member of itself.");
            }
            g.members.addAll(seen);
        }
        t.scopeGeneration.incrementAndGet();
    }

    public static void remove(Tenant t, DirectoryGroup g, String id) {
        requireWritable(g);
        synchronized (g) {
            if (!g.members.remove(id)) {
                if (t.users.get(id) == null && t.groups.get(id) == null) throw GraphException.directoryNotFound(id);
                throw new GraphException(400, "Request_BadRequest", "One or more removed object references do not exist for the following modified properties: 'members'.");
            }
        }
        t.scopeGeneration.incrementAndGet();
    }

    /** The members as directoryObjects with their {@code @odata.type}. */
    public static List<ObjectNode> members(Tenant t, DirectoryGroup g) {
        List<ObjectNode> out = new ArrayList<>();
        List<String> snapshot;
        synchronized (g) {
            snapshot = new ArrayList<>(g.members);
        }
        for (String id : snapshot) {
            DirectoryUser u = t.users.get(id);
            if (u != null) {
                ObjectNode n = Json.object().put("@odata.type", "#microsoft.graph.user");
                n.setAll(io.calbridge.emulator.odata.Query.project(u.graph, null, io.calbridge.emulator.users.UserRoutes.DEFAULT_PROPERTIES));
                out.add(n);
                continue;
            }
            DirectoryGroup sub = t.groups.get(id);
            if (sub != null) {
                ObjectNode n = Json.object().put("@odata.type", "#microsoft.graph.group");
                n.setAll(sub.graph);
                out.add(n);
            }
        }
        return out;
    }
}
