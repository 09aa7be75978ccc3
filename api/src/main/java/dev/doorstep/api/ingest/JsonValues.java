package dev.doorstep.api.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Reads one value of a tracking app's JSON; a present value of the wrong kind is unreadable, named by path. */
final class JsonValues {

    private JsonValues() {
    }

    static Double number(JsonNode parent, String name, String path) {
        JsonNode value = parent == null ? null : parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new DeviceParams.Unreadable(path);
        }
        return value.doubleValue();
    }

    /** iOS and Android write -1 for a speed, heading, accuracy or battery level they do not know. */
    static Double known(Double value) {
        return value == null || value < 0 ? null : value;
    }

    static String text(JsonNode parent, String name) {
        JsonNode value = parent == null ? null : parent.get(name);
        return value == null || !value.isString() || value.stringValue().isBlank() ? null : value.stringValue();
    }

    static Instant time(JsonNode parent, String name, String path) {
        JsonNode value = parent == null ? null : parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() && !value.isString()) {
            throw new DeviceParams.Unreadable(path);
        }
        try {
            return DeviceTimes.parse(value.isNumber() ? value.asString() : value.stringValue());
        } catch (DateTimeException | NumberFormatException | NullPointerException e) {
            throw new DeviceParams.Unreadable(path);
        }
    }
}
