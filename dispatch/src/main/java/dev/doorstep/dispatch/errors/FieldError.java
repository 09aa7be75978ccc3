package dev.doorstep.dispatch.errors;

/** One field at fault: a JSON path such as {@code location.lat} and why. */
public record FieldError(String field, String reason) {
}
