package io.calbridge.service.tracing;

import io.calbridge.messaging.TraceContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Handles each HTTP request inside a trace: a child of the request's {@code traceparent}, or a new trace when there
 * is none. The response's {@code traceparent} names the request's span, so a caller can find the logs and events of
 * its request by the trace id.
 */
public class TraceFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (var scope = TraceContext.continueOrStart(request.getHeader(TraceContext.HEADER))) {
            response.setHeader(TraceContext.HEADER, scope.context().traceparent());
            chain.doFilter(request, response);
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
