package io.calbridge.emulator.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One supported Graph operation: method, path template, the query options it accepts, and what the
 * caller needs. Query options outside {@code options} get 501, so nothing unsupported is silently ignored.
 *
 * @param mailboxParam the template variable naming the target mailbox, for Outlook throttling and scoping; null for directory calls
 * @param roles        application permissions of which one is required (directory and places); for mailbox routes see {@code write}
 * @param write        a mailbox write (needs Calendars.ReadWrite) or a directory write (counts against the write quota)
 */
public record Route(String method, String template, Pattern pattern, List<String> params, Set<String> options,
                    @Nullable String mailboxParam, Set<String> roles, boolean write, Kind kind, Handler handler) {

    /** Which throttling and access family a route belongs to. */
    public enum Kind { MAILBOX, DIRECTORY, PLACES, SUBSCRIPTIONS, BATCH }

    /** The code behind a route. */
    @FunctionalInterface
    public interface Handler {
        GraphResponse handle(GraphRequest request, Map<String, String> params);
    }

    public static Route of(String method, String template, Kind kind, Handler handler) {
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        for (String seg : template.substring(1).split("/")) {
            regex.append('/');
            if (seg.startsWith("{") && seg.endsWith("}")) {
                names.add(seg.substring(1, seg.length() - 1));
                regex.append("([^/]+)");
            } else {
                regex.append(Pattern.quote(seg));
            }
        }
        regex.append("/?$");
        return new Route(method, template, Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE), List.copyOf(names),
                Set.of(), null, Set.of(), false, kind, handler);
    }

    public Route options(String... opts) {
        return new Route(method, template, pattern, params, Set.of(opts), mailboxParam, roles, write, kind, handler);
    }

    public Route mailbox(String param) {
        return new Route(method, template, pattern, params, options, param, roles, write, kind, handler);
    }

    public Route roles(String... r) {
        return new Route(method, template, pattern, params, options, mailboxParam, Set.of(r), write, kind, handler);
    }

    public Route writes() {
        return new Route(method, template, pattern, params, options, mailboxParam, roles, true, kind, handler);
    }

    public @Nullable Map<String, String> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) return null;
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            out.put(params.get(i), m.group(i + 1));
        }
        return out;
    }
}
