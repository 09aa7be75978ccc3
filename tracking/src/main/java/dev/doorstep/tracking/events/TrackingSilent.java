package dev.doorstep.tracking.events;

import dev.doorstep.dispatch.outbox.EventType;
import java.time.Instant;

/** Outbox event: a driver on a route in progress stopped sending pings; its app is asked to reopen tracking. */
@EventType("TrackingSilent")
public record TrackingSilent(String driverId, String routeId, String dspId, String exceptionId, Instant since)
        implements TrackingEvent {
}
