package dev.doorstep.dispatch.delivery;

import java.time.OffsetDateTime;

/** Outbox event: a package was delivered. */
public record PackageDelivered(String trackingId, String attemptId, String stopId, String routeId, String driverId,
        Place place, OffsetDateTime capturedAt) {
}
