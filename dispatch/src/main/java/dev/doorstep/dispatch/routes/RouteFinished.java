package dev.doorstep.dispatch.routes;

import java.util.List;

/** Outbox event: the route is over; the packages listed were not delivered and go back to the station. */
public record RouteFinished(String routeId, String driverId, List<String> undeliveredTrackingIds) {
}
