package dev.doorstep.api.ingest;

import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.tracking.ingest.PingDraft;
import dev.doorstep.tracking.ingest.PingEntry;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * An OwnTracks {@code _type: location} message: {@code lat}, {@code lon}, {@code tst} (epoch seconds),
 * {@code acc}, {@code alt}, {@code vel} in km/h, {@code cog}, {@code batt} in %; -1 means unknown. Other
 * fields ({@code tid}, {@code bs}, {@code conn}, {@code inregions}, ...) are accepted and not stored.
 */
record OwntracksLocation(JsonNode message) {

    /** True for a location; false for another message; InvalidInput for no message type or an encrypted one. */
    boolean isLocation() {
        String type = JsonValues.text(message, "_type");
        if (type == null) {
            throw InvalidInput.of("_type", "is required (an OwnTracks message)");
        }
        if (type.equals("encrypted")) {
            // Its location cannot be read, so answering 200 would lose it: the app keeps it until this is fixed.
            throw InvalidInput.of("_type", "encrypted messages cannot be read here: turn encryption off");
        }
        return type.equals("location");
    }

    PingEntry entry(Instant arrival) {
        try {
            Instant ts = JsonValues.time(message, "tst", "tst");
            Double kmh = known("vel");
            return PingEntry.of(new PingDraft(ts == null ? arrival : ts, JsonValues.number(message, "lat", "lat"),
                    JsonValues.number(message, "lon", "lon"), known("acc"), kmh == null ? null : kmh / 3.6,
                    known("cog"), JsonValues.number(message, "alt", "alt"),
                    DeviceParams.percentToFraction(known("batt"))));
        } catch (DeviceParams.Unreadable e) {
            return PingEntry.unreadable(new FieldError(e.field(), "is not readable"));
        }
    }

    /** OwnTracks writes -1 for what the phone does not know. */
    private Double known(String name) {
        return JsonValues.known(JsonValues.number(message, name, name));
    }
}
