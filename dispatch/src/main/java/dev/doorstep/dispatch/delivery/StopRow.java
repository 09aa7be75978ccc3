package dev.doorstep.dispatch.delivery;

import dev.doorstep.dispatch.geo.GeoPoint;

/**
 * A stop with what deciding on a delivery there needs from its route: whether the route is under way (deliveries
 * are recorded only then) and its status to say why not.
 */
record StopRow(String id, String routeId, GeoPoint location, String status, int version, String driverId,
        boolean routeInProgress, String routeStatus) {
}
