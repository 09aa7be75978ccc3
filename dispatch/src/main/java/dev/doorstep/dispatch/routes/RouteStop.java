package dev.doorstep.dispatch.routes;

import dev.doorstep.dispatch.routes.ledger.StopStatus;
import java.time.OffsetDateTime;
import java.util.Locale;

/** A stop of a route being changed: its place, window (null ends: open), planned departure and package count. */
record RouteStop(String id, int seq, StopStatus status, String address, double lat, double lon, OffsetDateTime from,
        OffsetDateTime to, OffsetDateTime departure, int packages) {

    boolean pending() {
        return status == StopStatus.PENDING;
    }

    /** The same place as the planner's stop grouping: address, and location to about a metre. */
    String place() {
        return place(address, lat, lon);
    }

    static String place(String address, double lat, double lon) {
        return address.strip().toLowerCase(Locale.ROOT) + '|' + Math.round(lat * 1e5) + '|' + Math.round(lon * 1e5);
    }

    boolean overlaps(Parcel p) {
        return (from == null || from.isBefore(p.to())) && (to == null || to.isAfter(p.from()));
    }

    RouteStop with(OffsetDateTime newFrom, OffsetDateTime newTo, int newPackages) {
        return new RouteStop(id, seq, status, address, lat, lon, newFrom, newTo, departure, newPackages);
    }
}
