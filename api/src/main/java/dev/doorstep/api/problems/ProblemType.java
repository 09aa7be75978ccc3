package dev.doorstep.api.problems;

import java.net.URI;
import org.springframework.http.HttpStatus;

/** Every problem type Doorstep answers with: a stable URI, a title and a status. */
public enum ProblemType {
    VALIDATION("validation", "Invalid request", HttpStatus.BAD_REQUEST),
    MALFORMED_BODY("malformed-body", "Malformed request body", HttpStatus.BAD_REQUEST),
    UNAUTHORIZED("unauthorized", "Authentication required", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Forbidden", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
    CONFLICT("conflict", "Conflict", HttpStatus.CONFLICT),
    TOO_LARGE("too-large", "Request too large", HttpStatus.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    REJECTED("rejected", "Request rejected by a business rule", HttpStatus.UNPROCESSABLE_CONTENT),
    RATE_LIMITED("rate-limited", "Too many requests", HttpStatus.TOO_MANY_REQUESTS),
    UNAVAILABLE("unavailable", "Service temporarily unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    INTERNAL("internal", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR);

    private static final String BASE = "https://doorstep.dev/problems/";

    private final URI type;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.type = URI.create(BASE + slug);
        this.title = title;
        this.status = status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }
}
