package dev.doorstep.dispatch.delivery;

import dev.doorstep.dispatch.geo.GeoPoint;
import java.time.OffsetDateTime;
import java.util.List;

/** One package's attempt at a stop, with its proof. */
public record Attempt(String id, String deliveryId, String stopId, String trackingId, String driverId, Outcome outcome,
        Place place, AttemptReason reason, GeoPoint position, Double accuracyMeters, String recipientName,
        OffsetDateTime capturedAt, OffsetDateTime receivedAt, List<Flag> flags, List<Photo> photos) {
}
