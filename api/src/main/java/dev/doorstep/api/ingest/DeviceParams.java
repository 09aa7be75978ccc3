package dev.doorstep.api.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** Named text parameters of a device request (query, then form body); an empty value counts as absent. */
record DeviceParams(UnaryOperator<String> source) {

    String text(String name) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    Double number(String name) {
        String value = text(name);
        try {
            return value == null ? null : Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw new Unreadable(name);
        }
    }

    Instant time(String name) {
        String value = text(name);
        try {
            return value == null ? null : DeviceTimes.parse(value);
        } catch (DateTimeException | NumberFormatException e) {
            throw new Unreadable(name);
        }
    }

    static Double percentToFraction(Double percent) {
        return percent == null ? null : percent / 100;
    }

    /** A parameter that is present but cannot be read; the ping is refused naming it. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String field) {
            super(field, null, false, false);
        }

        String field() {
            return getMessage();
        }
    }
}
