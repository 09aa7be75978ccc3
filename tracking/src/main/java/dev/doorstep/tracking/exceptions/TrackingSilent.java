package dev.doorstep.tracking.exceptions;

import java.time.Instant;

/** Outbox event: a driver on a route in progress stopped sending pings; its app is asked to reopen tracking. */
public record TrackingSilent(String driverId, String routeId, String dspId, String exceptionId, Instant since) {
}
