package dev.doorstep.dispatch.stations;

import dev.doorstep.dispatch.geo.GeoJsonPolygon;
import dev.doorstep.dispatch.geo.GeoPoint;

/** A delivery station: where packages are sorted, routes start and Flex drivers check in. */
public record Station(String id, String name, String address, GeoPoint location, String timeZone,
        GeoJsonPolygon geofence) {
}
