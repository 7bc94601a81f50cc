package io.calbridge.emulator.auth;

import io.calbridge.emulator.store.DirectoryGroup;
import io.calbridge.emulator.store.DirectoryUser;
import io.calbridge.emulator.store.Tenant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OPATH recipient-filter subset of management scopes: {@code Property -eq|-ne|-like 'value'} joined
 * by {@code -and}/{@code -or} (left to right, no parentheses). Properties: CustomAttribute1–15,
 * Department, DisplayName, PrimarySmtpAddress, UserPrincipalName, MemberOfGroup (group id, mail or name).
 */
public final class RecipientFilter {
    private static final Pattern CLAUSE = Pattern.compile("\\s*\\(?\\s*(\\w+)\\s+-(eq|ne|like)\\s+['\"]([^'\"]*)['\"]\\s*\\)?\\s*");

    private RecipientFilter() {}

    public static boolean matches(String filter, Tenant t, DirectoryUser u) {
        String[] tokens = filter.split("(?i)\\s-(?=(and|or)\\s)");
        Boolean result = null;
        String joiner = "and";
        for (String tok : tokens) {
            String clause = tok;
            String lower = tok.toLowerCase(Locale.ROOT).trim();
            String nextJoiner = joiner;
            if (result != null) {
                if (lower.startsWith("and ")) { nextJoiner = "and"; clause = tok.trim().substring(4); }
                else if (lower.startsWith("or ")) { nextJoiner = "or"; clause = tok.trim().substring(3); }
            }
            boolean v = clause(clause, t, u);
            result = result == null ? v : nextJoiner.equals("and") ? result && v : result || v;
        }
        return result != null && result;
    }

    private static boolean clause(String c, Tenant t, DirectoryUser u) {
        Matcher m = CLAUSE.matcher(c);
        if (!m.matches()) throw new IllegalArgumentException("unsupported recipient filter clause: " + c);
        String prop = m.group(1);
        String op = m.group(2).toLowerCase(Locale.ROOT);
        String value = m.group(3);
        if (prop.equalsIgnoreCase("MemberOfGroup")) {
            boolean member = t.groups.values().stream().anyMatch(g -> matchesGroup(g, value) && g.members.contains(u.id));
            return op.equals("ne") != member;
        }
        String actual = switch (prop.toLowerCase(Locale.ROOT)) {
            case "department" -> u.graph.path("department").asText("");
            case "displayname" -> u.graph.path("displayName").asText("");
            case "primarysmtpaddress", "windowsemailaddress" -> u.mail();
            case "userprincipalname" -> u.upn();
            default -> u.customAttributes.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(prop))
                    .map(java.util.Map.Entry::getValue).findFirst().orElse("");
        };
        boolean eq = op.equals("like")
                ? actual.toLowerCase(Locale.ROOT).matches(Pattern.quote(value.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q"))
                : actual.equalsIgnoreCase(value);
        return op.equals("ne") != eq;
    }

    private static boolean matchesGroup(DirectoryGroup g, String ref) {
        return g.id.equalsIgnoreCase(ref) || ref.equalsIgnoreCase(g.graph.path("mail").asText())
                || ref.equalsIgnoreCase(g.graph.path("displayName").asText())
                || ref.toLowerCase(Locale.ROOT).startsWith("cn=" + g.graph.path("displayName").asText().toLowerCase(Locale.ROOT) + ",");
    }
}
