package io.calbridge.provisioning.tenant.adapter.in.web;

import io.calbridge.provisioning.tenant.domain.CredentialNotFound;
import io.calbridge.provisioning.tenant.domain.InvalidCredential;
import io.calbridge.provisioning.tenant.domain.InvalidPolicy;
import io.calbridge.provisioning.tenant.domain.TenantConflict;
import io.calbridge.provisioning.tenant.domain.TenantNotFound;
import io.calbridge.service.problems.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem details for the tenant feature's domain errors. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TenantProblems {

    @ExceptionHandler
    ProblemDetail on(TenantNotFound e) {
        ProblemDetail p = Problems.of(HttpStatus.NOT_FOUND, "tenant-not-found", "Tenant not found", e.getMessage());
        p.setProperty("tenantId", e.tenantId());
        return p;
    }

    @ExceptionHandler
    ProblemDetail on(CredentialNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "credential-not-found", "Credential not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail on(TenantConflict e) {
        return Problems.of(HttpStatus.CONFLICT, "tenant-conflict", "Tenant conflict", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail on(InvalidCredential e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-credential", "Invalid credential", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail on(InvalidPolicy e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage());
    }
}
