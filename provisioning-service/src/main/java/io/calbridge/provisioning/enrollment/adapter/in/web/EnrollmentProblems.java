package io.calbridge.provisioning.enrollment.adapter.in.web;

import io.calbridge.provisioning.enrollment.application.ConcurrentChange;
import io.calbridge.provisioning.enrollment.application.EnrollmentNotFound;
import io.calbridge.provisioning.enrollment.application.PolicyIncomplete;
import io.calbridge.provisioning.enrollment.domain.NotAwaitingAdmin;
import io.calbridge.service.problems.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem details for the enrollment feature's errors. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class EnrollmentProblems {

    @ExceptionHandler
    ProblemDetail on(EnrollmentNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "enrollment-not-found", "Enrollment not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail on(PolicyIncomplete e) {
        return Problems.of(HttpStatus.CONFLICT, "policy-incomplete", "Enrollment policy incomplete", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail on(ConcurrentChange e) {
        return Problems.of(HttpStatus.CONFLICT, "concurrent-change", "Changed concurrently", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail on(NotAwaitingAdmin e) {
        return Problems.of(HttpStatus.CONFLICT, "invalid-state", "Not possible in the current state", e.getMessage());
    }
}
