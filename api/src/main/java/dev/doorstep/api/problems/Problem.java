package dev.doorstep.api.problems;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.doorstep.dispatch.errors.FieldError;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem document. Extensions: {@code errors} (fields at fault), {@code reason} (a stable
 * code for conflicts and rejections), {@code requestId} (to find the request in the logs).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance,
        List<FieldError> errors, String reason, String requestId) {

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.type(), type.title(), type.status().value(), detail, null, null, null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, reason, requestId);
    }

    public Problem withReason(String code) {
        return new Problem(type, title, status, detail, instance, errors, code, requestId);
    }

    Problem at(String path, String id) {
        return new Problem(type, title, status, detail, path, errors, reason, id);
    }
}
