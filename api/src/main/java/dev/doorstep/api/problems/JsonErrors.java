package dev.doorstep.api.problems;

import dev.doorstep.dispatch.errors.FieldError;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Turns Jackson's reading errors into the field at fault and a reason a client developer understands. */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** True when the body is not JSON at all (as opposed to JSON of the wrong shape). */
    public static boolean malformed(JacksonException e) {
        return e instanceof StreamReadException && !(e instanceof MismatchedInputException);
    }

    public static FieldError fieldError(JacksonException e, String prefix) {
        return new FieldError(path(e, prefix), reason(e));
    }

    static String path(JacksonException e, String prefix) {
        StringBuilder path = new StringBuilder(prefix);
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }

    private static String reason(JacksonException e) {
        if (e instanceof UnstorableValue unstorable) {
            return unstorable.reason();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> type = mismatch.getTargetType();
            if (type.isEnum()) {
                return "must be one of " + Arrays.toString(type.getEnumConstants());
            }
            if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
                return type == Integer.class || type == int.class || type == Long.class || type == long.class
                        ? "must be an integer" : "must be a number";
            }
            if (type == String.class) {
                return "must be a string";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "must be true or false";
            }
            if (Temporal.class.isAssignableFrom(type)) {
                return "must be an ISO-8601 date-time with offset, such as 2026-11-24T09:00:00-08:00";
            }
            if (Collection.class.isAssignableFrom(type) || type.isArray()) {
                return "must be an array";
            }
            if (Map.class.isAssignableFrom(type) || type.isRecord()) {
                return "must be an object";
            }
        }
        return "has the wrong type or format";
    }
}
