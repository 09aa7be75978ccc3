package dev.doorstep.api.problems;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * A JSON value of the right type that Doorstep cannot store (a NUL character, a date outside the accepted years):
 * refused while reading, so the problem names the field, instead of failing the database write later.
 */
public final class UnstorableValue extends InvalidFormatException {

    private final String reason;

    public UnstorableValue(JsonParser parser, Object value, Class<?> type, String reason) {
        super(parser, reason, value, type);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
