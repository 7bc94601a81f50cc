package io.calbridge.emulator.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * A group or an administrative unit: Graph properties plus direct members (object ids, insertion order).
 * Member sets are synchronized; writers lock the object for all-or-nothing updates.
 */
public final class DirectoryGroup {
    /** The group types of GRAPH-FACTS §3.3; only the first two are writable through Graph. */
    public enum Kind { SECURITY, UNIFIED, MAIL_ENABLED_SECURITY, DISTRIBUTION, ADMINISTRATIVE_UNIT;
        public boolean graphWritable() { return this == SECURITY || this == UNIFIED || this == ADMINISTRATIVE_UNIT; }
    }

    public final String id;
    public final ObjectNode graph;
    public final Kind kind;
    public final Set<String> members;

    public DirectoryGroup(String id, ObjectNode graph, Kind kind, Set<String> members) {
        this.id = id;
        this.graph = graph;
        this.kind = kind;
        this.members = members;
    }
}
