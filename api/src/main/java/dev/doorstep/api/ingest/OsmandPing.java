package dev.doorstep.api.ingest;

import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.tracking.ingest.PingDraft;
import dev.doorstep.tracking.ingest.PingEntry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.UnaryOperator;

/** Reads the OsmAnd parameters into a ping: timestamp as epoch seconds or ISO time, speed in knots, batt in %. */
record OsmandPing(UnaryOperator<String> params) {

    private static final double METRES_PER_SECOND_PER_KNOT = 1852.0 / 3600;

    String param(String name) {
        return params.apply(name);
    }

    PingEntry entry() {
        try {
            Double speedKnots = number("speed");
            Double battery = number("batt");
            return PingEntry.of(new PingDraft(timestamp(), number("lat"), number("lon"), number("accuracy"),
                    speedKnots == null ? null : speedKnots * METRES_PER_SECOND_PER_KNOT, number("bearing"),
                    number("altitude"), battery == null ? null : battery / 100));
        } catch (Unreadable e) {
            return PingEntry.unreadable(new FieldError(e.getMessage(), "is not readable"));
        }
    }

    private Instant timestamp() {
        String value = param("timestamp");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                return Instant.ofEpochMilli(Math.round(Double.parseDouble(value) * 1000));
            }
            return value.endsWith("Z") ? Instant.parse(value) : OffsetDateTime.parse(value.replace(' ', '+'))
                    .toInstant();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new Unreadable("timestamp");
        }
    }

    private Double number(String name) {
        String value = param(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw new Unreadable(name);
        }
    }

    private static final class Unreadable extends RuntimeException {
        Unreadable(String field) {
            super(field, null, false, false);
        }
    }
}
