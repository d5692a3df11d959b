package org.neuromod.web;

import org.springframework.http.ProblemDetail;

/** Builds problem details of a {@link ProblemType}. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(ProblemType type, String detail) {
        return of(type, type.status().value(), detail);
    }

    public static ProblemDetail of(ProblemType type, int status, String detail) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatusCode.valueOf(status), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }
}
