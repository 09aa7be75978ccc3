package dev.doorstep.api.ingest;

import dev.doorstep.api.problems.TooLarge;
import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.tracking.ingest.PingDraft;
import dev.doorstep.tracking.ingest.PingEntry;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An Overland batch: {@code {"locations": [GeoJSON Feature, ...]}}, each a Point at {@code [lon, lat]} with
 * {@code properties.timestamp} (ISO 8601), {@code speed} (m/s), {@code course}, {@code horizontal_accuracy},
 * {@code altitude} and {@code battery_level} (0..1); -1 means unknown. Overland's trip summaries and logged
 * actions ({@code properties.type: trip}, {@code properties.action}) are not pings and are skipped.
 */
final class OverlandBatch {

    /** The pings to store, and for each the index of its feature in {@code locations}. */
    final List<PingEntry> pings = new ArrayList<>();
    final List<Integer> featureIndexes = new ArrayList<>();

    OverlandBatch(JsonNode root, int maxBatch) {
        JsonNode locations = root.get("locations");
        if (locations == null || !locations.isArray()) {
            throw InvalidInput.of("locations", "is required (an array of GeoJSON features)");
        }
        if (locations.size() > maxBatch) {
            throw new TooLarge("A batch holds at most " + maxBatch + " locations; set Overland's \"Locations per"
                    + " Batch\" lower (this one has " + locations.size() + ")");
        }
        for (int i = 0; i < locations.size(); i++) {
            JsonNode feature = locations.get(i);
            JsonNode properties = feature.get("properties");
            if (properties != null && (properties.has("action") || "trip".equals(JsonValues.text(properties,
                    "type")))) {
                continue;
            }
            pings.add(ping(feature, properties));
            featureIndexes.add(i);
        }
    }

    private static PingEntry ping(JsonNode feature, JsonNode properties) {
        try {
            JsonNode geometry = feature.get("geometry");
            JsonNode coordinates = geometry == null ? null : geometry.get("coordinates");
            Double lon = null;
            Double lat = null;
            if (coordinates != null && !coordinates.isNull()) {
                if (!coordinates.isArray() || coordinates.size() < 2 || !coordinates.get(0).isNumber()
                        || !coordinates.get(1).isNumber()) {
                    throw new DeviceParams.Unreadable("geometry.coordinates");
                }
                lon = coordinates.get(0).doubleValue();
                lat = coordinates.get(1).doubleValue();
            }
            return PingEntry.of(new PingDraft(JsonValues.time(properties, "timestamp", "properties.timestamp"),
                    lat, lon,
                    JsonValues.known(JsonValues.number(properties, "horizontal_accuracy",
                            "properties.horizontal_accuracy")),
                    JsonValues.known(JsonValues.number(properties, "speed", "properties.speed")),
                    JsonValues.known(JsonValues.number(properties, "course", "properties.course")),
                    JsonValues.number(properties, "altitude", "properties.altitude"),
                    JsonValues.known(JsonValues.number(properties, "battery_level", "properties.battery_level"))));
        } catch (DeviceParams.Unreadable e) {
            return PingEntry.unreadable(new FieldError(e.field(), "is not readable"));
        }
    }
}
