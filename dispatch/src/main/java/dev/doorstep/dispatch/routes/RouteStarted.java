package dev.doorstep.dispatch.routes;

import java.util.List;

/** Outbox event: the driver left the station; these packages are now out for delivery. */
public record RouteStarted(String routeId, String driverId, List<String> trackingIds) {
}
