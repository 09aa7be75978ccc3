package dev.doorstep.api.ingest;

import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.tracking.ingest.PingDraft;
import dev.doorstep.tracking.ingest.PingEntry;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * The JSON body of Traccar Client (Android and iOS): {@code {"location": {"timestamp", "coords": {latitude,
 * longitude, accuracy, speed (m/s), heading, altitude}, "battery": {"level" 0..1}, ...}, "device_id"}}, read
 * as Traccar's OsmAnd decoder reads it. A location without {@code coords} has no position and is refused.
 */
record TraccarJsonPing(JsonNode root) {

    String deviceId() {
        return JsonValues.text(root, "device_id");
    }

    PingEntry entry(Instant arrival) {
        JsonNode location = root.get("location");
        if (location == null || !location.isObject()) {
            return PingEntry.unreadable(new FieldError("location", "is required (an object)"));
        }
        try {
            JsonNode coords = location.get("coords");
            Instant ts = JsonValues.time(location, "timestamp", "location.timestamp");
            return PingEntry.of(new PingDraft(ts == null ? arrival : ts,
                    JsonValues.number(coords, "latitude", "location.coords.latitude"),
                    JsonValues.number(coords, "longitude", "location.coords.longitude"),
                    JsonValues.known(JsonValues.number(coords, "accuracy", "location.coords.accuracy")),
                    JsonValues.known(JsonValues.number(coords, "speed", "location.coords.speed")),
                    JsonValues.known(JsonValues.number(coords, "heading", "location.coords.heading")),
                    JsonValues.number(coords, "altitude", "location.coords.altitude"),
                    JsonValues.known(JsonValues.number(location.get("battery"), "level",
                            "location.battery.level"))));
        } catch (DeviceParams.Unreadable e) {
            return PingEntry.unreadable(new FieldError(e.field(), "is not readable"));
        }
    }
}
