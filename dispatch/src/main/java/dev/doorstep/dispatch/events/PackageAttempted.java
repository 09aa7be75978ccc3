package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.delivery.AttemptReason;
import dev.doorstep.dispatch.outbox.EventType;
import java.time.OffsetDateTime;

/** Outbox event: the driver tried and could not deliver; the package goes back to the station. */
@EventType("PackageAttempted")
public record PackageAttempted(String trackingId, String attemptId, String stopId, String routeId, String driverId,
        AttemptReason reason, int attempts, OffsetDateTime capturedAt) implements DispatchEvent {
}
