package io.calbridge.service.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The JWT counterpart of {@link ApiKeyFilter} ({@code calbridge.security.mode=jwt}): every request under {@code /api/}
 * needs {@code Authorization: Bearer <jwt>} that {@link JwtCallers} accepts; the {@link Caller} is made available to
 * controllers the same way. A missing or rejected token gets a 401 problem with an RFC 6750 challenge.
 */
public class JwtFilter extends CallerFilter {

    private final JwtCallers callers;
    private final BearerTokenResolver tokens = new DefaultBearerTokenResolver();

    public JwtFilter(JwtCallers callers) {
        this.callers = callers;
    }

    @Override
    protected Caller authenticate(HttpServletRequest request) throws Refused {
        try {
            String token = tokens.resolve(request);
            if (token == null) {
                throw new Refused("Send a bearer token as 'Authorization: Bearer <jwt>'.", "Bearer");
            }
            return callers.authenticate(token);
        } catch (AuthenticationException e) {
            throw new Refused("The bearer token was not accepted: " + e.getMessage(), "Bearer error=\"invalid_token\"");
        }
    }
}
