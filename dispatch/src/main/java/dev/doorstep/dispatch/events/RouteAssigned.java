package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.outbox.EventType;
import java.time.LocalDate;

/** Outbox event: a DSP put a driver and van on a route. */
@EventType("RouteAssigned")
public record RouteAssigned(String routeId, String dspId, String driverId, String vanId, LocalDate date)
        implements DispatchEvent {
}
