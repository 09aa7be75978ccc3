package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.delivery.Place;
import dev.doorstep.dispatch.outbox.EventType;
import java.time.OffsetDateTime;

/** Outbox event: the driver picked up a customer's return; it is on the way to the station. */
@EventType("PackagePickedUp")
public record PackagePickedUp(String trackingId, String attemptId, String stopId, String routeId, String driverId,
        Place place, OffsetDateTime capturedAt) implements DispatchEvent {
}
