package dev.doorstep.dispatch.delivery;

import java.time.OffsetDateTime;

/** Outbox event: the driver tried and could not deliver; the package goes back to the station. */
public record PackageAttempted(String trackingId, String attemptId, String stopId, String routeId, String driverId,
        AttemptReason reason, int attempts, OffsetDateTime capturedAt) {
}
