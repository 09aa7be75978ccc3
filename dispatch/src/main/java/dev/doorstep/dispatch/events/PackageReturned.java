package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.outbox.EventType;
import dev.doorstep.dispatch.returns.ReturnOutcome;

/** Outbox event: a package the driver brought back was scanned at its station; {@code next} says what follows. */
@EventType("PackageReturned")
public record PackageReturned(String trackingId, String stationId, int attempts, ReturnOutcome next)
        implements DispatchEvent {
}
