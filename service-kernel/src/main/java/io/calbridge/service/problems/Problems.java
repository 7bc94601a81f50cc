package io.calbridge.service.problems;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem details with Calbridge's stable type URIs, {@code https://calbridge.dev/problems/<slug>}.
 * The title is fixed per type; the detail describes this occurrence.
 */
public final class Problems {

    /** Prefix of every problem type URI; the pages under it document each type. */
    public static final String TYPE_BASE = "https://calbridge.dev/problems/";

    private Problems() {
    }

    /** A problem of the given type. */
    public static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(title);
        return problem;
    }
}
