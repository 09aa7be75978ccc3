package dev.doorstep.dispatch.errors;

import java.util.List;

/** Input that fails validation, with every field at fault. */
public final class InvalidInput extends DomainError {

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super("Invalid input: " + errors);
        this.errors = List.copyOf(errors);
    }

    public static InvalidInput of(String field, String reason) {
        return new InvalidInput(List.of(new FieldError(field, reason)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
