package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.delivery.Place;
import dev.doorstep.dispatch.outbox.EventType;
import java.time.OffsetDateTime;

/** Outbox event: a package was delivered. */
@EventType("PackageDelivered")
public record PackageDelivered(String trackingId, String attemptId, String stopId, String routeId, String driverId,
        Place place, OffsetDateTime capturedAt) implements DispatchEvent {
}
