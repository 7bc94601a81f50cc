package io.calbridge.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Graph v1.0 CSDL subset, read with the JDK's DOM parser, and a checker that walks JSON against it:
 * every property must be declared on the type (or a base type), with a compatible primitive type,
 * a declared enum member, and no null where the schema says {@code Nullable="false"}.
 */
final class CsdlSchema {
    record Prop(String type, boolean nullable, boolean navigation) {}

    record StructType(String name, String base, boolean open, Map<String, Prop> props) {}

    private final Map<String, StructType> types = new HashMap<>();
    private final Map<String, Set<String>> enums = new HashMap<>();

    static CsdlSchema load(String resource) {
        try (InputStream in = CsdlSchema.class.getResourceAsStream(resource)) {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            CsdlSchema s = new CsdlSchema();
            for (String kind : List.of("EntityType", "ComplexType")) {
                NodeList list = doc.getElementsByTagName(kind);
                for (int i = 0; i < list.getLength(); i++) {
                    Element e = (Element) list.item(i);
                    Map<String, Prop> props = new HashMap<>();
                    for (String p : List.of("Property", "NavigationProperty")) {
                        NodeList ps = e.getElementsByTagName(p);
                        for (int j = 0; j < ps.getLength(); j++) {
                            Element pe = (Element) ps.item(j);
                            props.put(pe.getAttribute("Name"), new Prop(pe.getAttribute("Type"), !"false".equals(pe.getAttribute("Nullable")),
                                    p.equals("NavigationProperty")));
                        }
                    }
                    s.types.put(e.getAttribute("Name").toLowerCase(Locale.ROOT), new StructType(e.getAttribute("Name"),
                            simple(e.getAttribute("BaseType")), "true".equals(e.getAttribute("OpenType")), props));
                }
            }
            NodeList list = doc.getElementsByTagName("EnumType");
            for (int i = 0; i < list.getLength(); i++) {
                Element e = (Element) list.item(i);
                Set<String> members = new HashSet<>();
                NodeList ms = e.getElementsByTagName("Member");
                for (int j = 0; j < ms.getLength(); j++) members.add(((Element) ms.item(j)).getAttribute("Name"));
                s.enums.put(e.getAttribute("Name").toLowerCase(Locale.ROOT), members);
            }
            return s;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the CSDL", e);
        }
    }

    private static String simple(String type) {
        if (type == null || type.isEmpty()) return "";
        String t = type.replace("microsoft.graph.", "").replace("graph.", "");
        return t;
    }

    boolean hasProperty(String type, String property) { return find(simple(type).toLowerCase(Locale.ROOT), property) != null; }

    private Prop find(String typeKey, String property) {
        StructType t = types.get(typeKey);
        while (t != null) {
            Prop p = t.props().get(property);
            if (p != null) return p;
            t = types.get(t.base().toLowerCase(Locale.ROOT));
        }
        return null;
    }

    /** Violations found in {@code node} read as {@code type}; {@code where} prefixes each message. */
    List<String> check(String type, JsonNode node, String where) {
        List<String> out = new ArrayList<>();
        object(simple(type).toLowerCase(Locale.ROOT), node, where, out);
        return out;
    }

    private void object(String typeKey, JsonNode node, String where, List<String> out) {
        if (!node.isObject()) {
            out.add(where + ": expected an object of " + typeKey + " but got " + node.getNodeType());
            return;
        }
        String odataType = node.path("@odata.type").asText("");
        if (!odataType.isEmpty()) {
            String derived = simple(odataType.substring(1)).toLowerCase(Locale.ROOT).replace("microsoft.graph.", "");
            if (types.containsKey(derived)) typeKey = derived;
        }
        if (!types.containsKey(typeKey)) return;
        final String key = typeKey;
        node.fields().forEachRemaining(e -> {
            String name = e.getKey();
            if (name.startsWith("@") || name.contains("@odata.")) return;
            Prop p = find(key, name);
            if (p == null) {
                // Open types (event, administrativeUnit…) would accept anything; the emulator must still emit only declared properties.
                out.add(where + ": " + key + "." + name + " is not in the schema");
                return;
            }
            value(p.type(), p.nullable(), e.getValue(), where + "." + name, out);
        });
    }

    private void value(String type, boolean nullable, JsonNode v, String where, List<String> out) {
        if (v == null || v.isNull()) {
            if (!nullable) out.add(where + ": null for a non-nullable " + type);
            return;
        }
        if (type.startsWith("Collection(")) {
            if (!v.isArray()) {
                out.add(where + ": expected a collection");
                return;
            }
            String inner = type.substring("Collection(".length(), type.length() - 1);
            int i = 0;
            for (JsonNode item : v) value(inner, true, item, where + "[" + i++ + "]", out);
            return;
        }
        boolean ok = switch (type) {
            case "Edm.String", "Edm.Guid", "Edm.Duration", "Edm.Binary" -> v.isTextual();
            case "Edm.Boolean" -> v.isBoolean();
            case "Edm.Int16", "Edm.Int32", "Edm.Int64", "Edm.Byte" -> v.isIntegralNumber();
            case "Edm.Double", "Edm.Single", "Edm.Decimal" -> v.isNumber();
            case "Edm.DateTimeOffset" -> v.isTextual() && parses(() -> OffsetDateTime.parse(v.asText()));
            case "Edm.Date" -> v.isTextual() && parses(() -> LocalDate.parse(v.asText()));
            case "Edm.TimeOfDay" -> v.isTextual() && parses(() -> LocalTime.parse(v.asText()));
            default -> {
                String key = simple(type).toLowerCase(Locale.ROOT);
                if (enums.containsKey(key)) {
                    if (!v.isTextual()) yield false;
                    for (String part : v.asText().split(",")) {
                        if (!enums.get(key).contains(part.trim())) {
                            out.add(where + ": '" + part + "' is not a member of " + type);
                        }
                    }
                    yield true;
                }
                if (types.containsKey(key)) {
                    object(key, v, where, out);
                }
                yield true;
            }
        };
        if (!ok) out.add(where + ": " + v + " is not a valid " + type);
    }

    private static boolean parses(Runnable r) {
        try {
            r.run();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
