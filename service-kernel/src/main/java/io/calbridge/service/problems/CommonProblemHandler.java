package io.calbridge.service.problems;

import io.calbridge.messaging.UnknownTenant;
import io.calbridge.service.security.TenantForbidden;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem details for what every service's API shares: Spring MVC's own errors (validation, unreadable bodies,
 * unknown paths; handled by {@link ResponseEntityExceptionHandler}), a tenant the caller may not act for, and a
 * tenant the service does not know. Services add their domain errors in their own advice.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class CommonProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail on(TenantForbidden e) {
        ProblemDetail problem = Problems.of(HttpStatus.FORBIDDEN, "tenant-forbidden", "Tenant forbidden", e.getMessage());
        problem.setProperty("tenantId", e.tenantId());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail on(UnknownTenant e) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "unknown-tenant", "Unknown tenant", e.getMessage());
        problem.setProperty("tenantId", e.tenantId());
        return problem;
    }
}
