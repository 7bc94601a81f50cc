package io.calbridge.graph;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds what every Graph request must carry, whoever builds it: {@code Prefer: IdType="ImmutableId"},
 * {@code Prefer: outlook.timezone="UTC"} on calendar reads, and a {@code client-request-id}. Inside a paced call it
 * also charges the pacing window and records Graph's {@code request-id}, status and {@code Retry-After}. Every
 * request is counted in {@code calbridge.graph.requests} by tenant and status (the HTTP status, or {@code io-error}
 * when no response came back); a {@code $batch} counts once, with the status of the batch itself.
 */
final class GraphHeadersInterceptor implements Interceptor {
    static final String IMMUTABLE_ID = "IdType=\"ImmutableId\"";
    static final String UTC = "outlook.timezone=\"UTC\"";
    private static final Pattern CALENDAR = Pattern.compile(
            "/(events|calendar|calendars|calendarview|calendargroups|instances|getschedule|findmeetingtimes)(/|$|\\?)",
            Pattern.CASE_INSENSITIVE);

    private final MeterRegistry registry;
    private final String tenantId;

    GraphHeadersInterceptor(MeterRegistry registry, String tenantId) {
        this.registry = registry;
        this.tenantId = tenantId;
    }

    @Override public Response intercept(Chain chain) throws IOException {
        Request original = chain.request();
        CallContext ctx = CallContext.current();
        String method = original.method();
        String clientRequestId = ctx != null ? ctx.clientRequestId
                : original.header("client-request-id") != null ? original.header("client-request-id") : UUID.randomUUID().toString();
        Request request = original.newBuilder()
                .header("Prefer", prefer(original.header("Prefer"), method, original.url().encodedPath()))
                .header("client-request-id", clientRequestId)
                .build();
        if (ctx != null) ctx.beforeRequest(method);
        Response response;
        try {
            response = chain.proceed(request);
        } catch (IOException e) {
            count("io-error");
            throw e;
        }
        count(Integer.toString(response.code()));
        if (ctx != null) ctx.afterResponse(response.code(), response.header("request-id"), response.header("Retry-After"));
        return response;
    }

    private void count(String status) {
        Counter.builder("calbridge.graph.requests").description("HTTP requests sent to Microsoft Graph, by status")
                .tag("tenant", tenantId).tag("status", status).register(registry).increment();
    }

    /** The Prefer header value: the caller's preferences plus ours, once each. */
    static String prefer(@org.jspecify.annotations.Nullable String existing, String method, String path) {
        StringBuilder b = new StringBuilder(existing == null ? "" : existing.trim());
        add(b, IMMUTABLE_ID);
        if (isCalendarRead(method, path)) add(b, UTC);
        return b.toString();
    }

    static boolean isCalendarRead(String method, String path) {
        boolean read = method.equalsIgnoreCase("GET") || path.toLowerCase(Locale.ROOT).endsWith("/getschedule");
        return read && CALENDAR.matcher(path).find();
    }

    private static void add(StringBuilder prefer, String preference) {
        String name = preference.substring(0, preference.indexOf('=')).toLowerCase(Locale.ROOT);
        for (String part : prefer.toString().split(",")) {
            if (part.trim().toLowerCase(Locale.ROOT).startsWith(name)) return;
        }
        if (!prefer.isEmpty()) prefer.append(", ");
        prefer.append(preference);
    }
}
