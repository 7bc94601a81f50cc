package io.calbridge.service.security;

import io.calbridge.service.problems.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates every request under {@code /api/} with an API key, presented as {@code Authorization: Bearer <key>}
 * or {@code X-Api-Key: <key>}, and makes the {@link Caller} available to controllers. Anything else (actuator,
 * OpenAPI documents, Graph webhooks, which carry their own proof) passes untouched. A missing or unknown key gets
 * a 401 problem, without saying which of the two it was.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    /** Request attribute holding the authenticated {@link Caller}. */
    public static final String CALLER_ATTRIBUTE = Caller.class.getName();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApiKeys keys;

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var caller = keys.authenticate(presentedKey(request));
        if (caller.isEmpty()) {
            ProblemDetail problem = Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                    "Send a valid API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.");
            problem.setInstance(java.net.URI.create(request.getRequestURI()));
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader("WWW-Authenticate", "Bearer");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            JSON.writeValue(response.getOutputStream(), problem);
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    private static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return request.getHeader("X-Api-Key");
    }
}
