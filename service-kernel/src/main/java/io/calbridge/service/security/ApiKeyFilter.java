package io.calbridge.service.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Authenticates every request under {@code /api/} with an API key, presented as {@code Authorization: Bearer <key>}
 * or {@code X-Api-Key: <key>}, and makes the {@link Caller} available to controllers. Anything else (actuator,
 * OpenAPI documents, Graph webhooks, which carry their own proof) passes untouched. A missing or unknown key gets
 * a 401 problem, without saying which of the two it was.
 */
public class ApiKeyFilter extends CallerFilter {

    private final ApiKeys keys;

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    protected Caller authenticate(HttpServletRequest request) throws Refused {
        return keys.authenticate(presentedKey(request)).orElseThrow(() -> new Refused(
                "Send a valid API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.", "Bearer"));
    }

    private static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return request.getHeader("X-Api-Key");
    }
}
