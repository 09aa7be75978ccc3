package dev.doorstep.dispatch.delivery;

import java.time.OffsetDateTime;

/** Outbox event: the driver picked up a customer's return; it is on the way to the station. */
public record PackagePickedUp(String trackingId, String attemptId, String stopId, String routeId, String driverId,
        Place place, OffsetDateTime capturedAt) {
}
