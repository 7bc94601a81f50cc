package io.calbridge.emulator.odata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.http.GraphRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@code $select}, {@code $filter}, {@code $orderby}, {@code $top}, {@code $count} and skip-token paging over JSON entities. */
public final class Query {
    private Query() {}

    /** The property names in {@code $select}, or null when absent. */
    public static @Nullable Set<String> select(GraphRequest r) {
        String s = r.option("$select");
        if (s == null || s.isBlank()) return null;
        Set<String> out = new LinkedHashSet<>();
        for (String p : s.split(",")) out.add(p.trim());
        return out;
    }

    /**
     * Projects an entity: with {@code $select}, the selected properties plus {@code id} and annotations;
     * otherwise the {@code defaults} (null keeps every property).
     */
    public static ObjectNode project(ObjectNode entity, @Nullable Set<String> select, @Nullable Set<String> defaults) {
        Set<String> keep = select != null ? select : defaults;
        if (keep == null) return entity.deepCopy();
        ObjectNode out = Json.object();
        entity.fields().forEachRemaining(e -> {
            String k = e.getKey();
            if (k.equals("id") || k.startsWith("@") || containsIgnoreCase(keep, k)) out.set(k, e.getValue().deepCopy());
        });
        return out;
    }

    private static boolean containsIgnoreCase(Set<String> set, String k) {
        for (String s : set) if (s.equalsIgnoreCase(k)) return true;
        return false;
    }

    public static List<ObjectNode> filter(List<ObjectNode> items, GraphRequest r) {
        String f = r.option("$filter");
        if (f == null || f.isBlank()) return items;
        Filter filter = Filter.parse(f);
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : items) if (filter.test(o)) out.add(o);
        return out;
    }

    /** Single-property {@code $orderby} ({@code name [asc|desc]}). */
    public static void orderBy(List<ObjectNode> items, GraphRequest r) {
        String o = r.option("$orderby");
        if (o == null || o.isBlank()) return;
        String[] parts = o.trim().split("\\s+");
        if (parts[0].contains(",")) throw GraphException.notImplemented("$orderby on more than one property");
        String pointer = "/" + parts[0];
        Comparator<ObjectNode> c = Comparator.comparing(n -> n.at(pointer).asText("").toLowerCase());
        if (parts.length > 1 && parts[1].equalsIgnoreCase("desc")) c = c.reversed();
        items.sort(c);
    }

    /**
     * One page of {@code items}: the page size is {@code $top}, else {@code Prefer: odata.maxpagesize},
     * else {@code defaultSize}, capped at {@code maxSize}; the next page is a {@code $skiptoken} link.
     */
    public static ObjectNode page(List<? extends JsonNode> items, GraphRequest r, int defaultSize, int maxSize) {
        int size = defaultSize;
        String top = r.option("$top");
        String pref = r.prefer("odata.maxpagesize");
        if (top != null) {
            try {
                size = Integer.parseInt(top);
            } catch (NumberFormatException e) {
                throw GraphException.badRequest("Invalid value '" + top + "' for $top query option.");
            }
            if (size < 1 || size > maxSize) throw GraphException.badRequest("Invalid page size specified: '" + top + "'. Must be between 1 and " + maxSize + " inclusive.");
        } else if (pref != null) {
            try {
                size = Math.max(1, Math.min(maxSize, Integer.parseInt(pref)));
            } catch (NumberFormatException e) {
                throw GraphException.badRequest("Invalid Prefer odata.maxpagesize value.");
            }
        }
        int offset = 0;
        if (r.option("$skip") != null) {
            try {
                offset = Math.max(0, Integer.parseInt(r.option("$skip")));
            } catch (NumberFormatException e) {
                throw GraphException.badRequest("Invalid value '" + r.option("$skip") + "' for $skip query option.");
            }
        }
        String skip = r.option("$skiptoken");
        if (skip != null) {
            ObjectNode st = Tokens.decode(skip);
            if (st == null || !st.has("o")) throw GraphException.badRequest("Invalid $skiptoken.");
            offset = st.get("o").asInt();
        }
        ObjectNode out = Json.object();
        if ("true".equalsIgnoreCase(r.option("$count"))) out.put("@odata.count", items.size());
        ArrayNode value = out.putArray("value");
        int end = Math.min(items.size(), offset + size);
        for (int i = offset; i < end; i++) value.add(items.get(i));
        if (end < items.size()) {
            out.put("@odata.nextLink", link(r, Map.of("$skiptoken", Tokens.encode(Json.object().put("o", end)))));
        }
        return out;
    }

    /** The request's own URL with some query options replaced (others kept). */
    public static String link(GraphRequest r, Map<String, String> replace) {
        StringBuilder b = new StringBuilder(r.baseUrl()).append(r.path());
        char sep = '?';
        for (var e : r.query().entrySet()) {
            if (replace.containsKey(e.getKey()) || e.getKey().equals("$skiptoken") || e.getKey().equals("$deltatoken")) continue;
            b.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = '&';
        }
        for (var e : replace.entrySet()) {
            b.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = '&';
        }
        return b.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$");
    }
}
