package dev.doorstep.dispatch.routes;

import java.time.LocalDate;

/** Outbox event: a DSP put a driver and van on a route. */
public record RouteAssigned(String routeId, String dspId, String driverId, String vanId, LocalDate date) {
}
