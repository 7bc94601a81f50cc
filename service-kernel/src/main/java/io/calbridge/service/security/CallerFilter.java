package io.calbridge.service.security;

import io.calbridge.service.problems.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * What both authentication modes share: only requests under {@code /api/} are authenticated (actuator, OpenAPI
 * documents and Graph webhooks, which carry their own proof, pass untouched); the authenticated {@link Caller} is put
 * where controllers find it; a refused request gets a 401 {@code unauthenticated} problem with a challenge.
 */
public abstract class CallerFilter extends OncePerRequestFilter {

    /** Request attribute holding the authenticated {@link Caller}. */
    public static final String CALLER_ATTRIBUTE = Caller.class.getName();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Thrown by {@link #authenticate} to refuse a request with a 401: the problem's detail and the challenge. */
    protected static final class Refused extends Exception {
        private final String challenge;

        public Refused(String detail, String challenge) {
            super(detail, null, false, false);
            this.challenge = challenge;
        }
    }

    /**
     * The caller the request proves to be.
     *
     * @throws Refused when the request carries no acceptable credential
     */
    protected abstract Caller authenticate(HttpServletRequest request) throws Refused;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller;
        try {
            caller = authenticate(request);
        } catch (Refused e) {
            refuse(request, response, e.getMessage(), e.challenge);
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String detail, String challenge)
            throws IOException {
        ProblemDetail problem = Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated", detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader("WWW-Authenticate", challenge);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), problem);
    }
}
