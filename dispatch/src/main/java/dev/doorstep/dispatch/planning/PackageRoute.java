package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.routes.ledger.RouteStatus;
/**
 * The stop and route a package is planned on, with the route's status, driver and planned speed over the road
 * (metres per second, null without a planned distance and duration).
 */
public record PackageRoute(String trackingId, String stopId, String routeId, RouteStatus routeStatus, String driverId,
        Double planSpeed) {
}
