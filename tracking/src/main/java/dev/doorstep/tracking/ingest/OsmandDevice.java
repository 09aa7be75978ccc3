package dev.doorstep.tracking.ingest;

import java.time.Instant;

/** A registered OsmAnd / Traccar Client device; {@code deviceKey} goes in its "id" and is shown only once. */
public record OsmandDevice(String deviceKey, String driverId, Instant createdAt) {
}
