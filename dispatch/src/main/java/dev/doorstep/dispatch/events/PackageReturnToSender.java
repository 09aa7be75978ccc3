package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.outbox.EventType;

/** Outbox event: a package goes back to its shipper; {@code why} is the last attempt's reason or MAX_ATTEMPTS. */
@EventType("PackageReturnToSender")
public record PackageReturnToSender(String trackingId, String stationId, int attempts, String why)
        implements DispatchEvent {
}
