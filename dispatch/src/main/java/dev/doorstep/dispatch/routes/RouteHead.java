package dev.doorstep.dispatch.routes;

import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.routes.ledger.RouteStatus;
import java.time.Instant;

/**
 * A published route with what re-sequencing it needs: its plan's service times, its station, what it carries and
 * what its van can carry ({@code van} null: no van yet).
 */
record RouteHead(String id, String stationId, RouteStatus status, int version, String vehicleType,
        Instant plannedStart, Instant shiftEnd, int perStop, int perExtra, String planStatus, GeoPoint station,
        Load load, Load van) {

    /** Packages, litres, kilograms: on a route, or what a van takes. */
    record Load(double packages, double liters, double kg) {
    }

    boolean vanTakes(Parcel p) {
        return van == null || (load.packages() + 1 <= van.packages()
                && load.liters() + p.liters() <= van.liters() + 1e-9
                && load.kg() + p.kg() <= van.kg() + 1e-9);
    }
}
