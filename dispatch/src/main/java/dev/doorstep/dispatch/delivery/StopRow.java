package dev.doorstep.dispatch.delivery;

import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.routes.RouteStatus;

/** A stop with what deciding on a delivery there needs from its route. */
record StopRow(String id, String routeId, GeoPoint location, String status, int version, String driverId,
        RouteStatus routeStatus) {
}
