package dev.doorstep.dispatch.routes;

import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.packages.PackageLedger;
import dev.doorstep.dispatch.packages.PackageTransition;
import dev.doorstep.dispatch.packages.Packages;
import dev.doorstep.dispatch.planning.Resequenced;
import dev.doorstep.dispatch.routes.RouteChangeRules.StopTiming;
import dev.doorstep.dispatch.routes.RouteHead.Load;
import dev.doorstep.dispatch.routes.ledger.RouteLedger;
import dev.doorstep.dispatch.routes.ledger.RouteLedger.AddedStop;
import dev.doorstep.dispatch.routes.ledger.RouteLedger.LoadChange;
import dev.doorstep.dispatch.routes.ledger.RouteLedger.StopOrder;
import dev.doorstep.dispatch.routes.ledger.RouteStatus;
import dev.doorstep.dispatch.routes.ledger.StopStatus;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a route change reads (the route, the package, the stops) and writes: each write is conditional on the
 * version read, so a change made meanwhile by someone else makes the whole change fail.
 */
@Component
class RouteChangeStore {

    private final DatabaseClient db;
    private final Packages packages;
    private final PackageLedger ledger;
    private final RouteLedger routes;

    RouteChangeStore(DatabaseClient db, Packages packages, PackageLedger ledger, RouteLedger routes) {
        this.db = db;
        this.routes = routes;
        this.packages = packages;
        this.ledger = ledger;
    }

    Mono<RouteHead> head(String routeId) {
        return db.sql("""
                        SELECT r.id, r.station_id, r.status, r.version, r.vehicle_type, r.planned_start,
                            COALESCE(r.shift_end, r.planned_start + interval '10 hours') AS shift_end,
                            COALESCE(p.service_seconds_per_stop, 120) AS per_stop,
                            COALESCE(p.service_seconds_per_extra_package, 30) AS per_extra,
                            COALESCE(p.status, 'PUBLISHED') AS plan_status, s.lat, s.lon, r.load_packages,
                            r.load_volume_liters, r.load_weight_kg, v.capacity_packages, v.volume_liters, v.weight_kg
                        FROM routes r
                        JOIN stations s ON s.id = r.station_id
                        LEFT JOIN plans p ON p.id = r.plan_id
                        LEFT JOIN vans v ON v.id = r.van_id
                        WHERE r.id = :id""")
                .bind("id", routeId)
                .map(row -> headOf(row))
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("route", routeId)));
    }

    private static RouteHead headOf(Readable row) {
        Load van = row.get("capacity_packages", Integer.class) == null ? null
                : new Load(row.get("capacity_packages", Integer.class), row.get("volume_liters", Double.class),
                        row.get("weight_kg", Double.class));
        return new RouteHead(row.get("id", String.class), row.get("station_id", String.class),
                RouteStatus.valueOf(row.get("status", String.class)), row.get("version", Integer.class),
                row.get("vehicle_type", String.class), row.get("planned_start", OffsetDateTime.class).toInstant(),
                row.get("shift_end", OffsetDateTime.class).toInstant(), row.get("per_stop", Integer.class),
                row.get("per_extra", Integer.class), row.get("plan_status", String.class),
                new GeoPoint(row.get("lat", Double.class), row.get("lon", Double.class)),
                new Load(row.get("load_packages", Integer.class), row.get("load_volume_liters", Double.class),
                        row.get("load_weight_kg", Double.class)),
                van);
    }

    Mono<Parcel> parcel(String trackingId) {
        return packages.entry(trackingId)
                .map(p -> new Parcel(p.trackingId(), p.stationId(), p.kind(), p.status(), p.version(), p.stopId(),
                        p.address(), p.lat(), p.lon(), p.windowFrom(), p.windowTo(), p.weightKg(), p.liters()))
                .switchIfEmpty(Mono.error(() -> new NotFound("package", trackingId)));
    }

    Mono<List<RouteStop>> stops(String routeId) {
        return db.sql("""
                        SELECT s.id, s.seq, s.status, s.address, s.lat, s.lon, s.window_from, s.window_to,
                            s.planned_departure,
                            (SELECT count(*) FROM stop_packages sp WHERE sp.stop_id = s.id) AS packages
                        FROM stops s
                        WHERE s.route_id = :route
                        ORDER BY s.seq""")
                .bind("route", routeId)
                .map(row -> new RouteStop(row.get("id", String.class), row.get("seq", Integer.class),
                        StopStatus.valueOf(row.get("status", String.class)), row.get("address", String.class),
                        row.get("lat", Double.class), row.get("lon", Double.class),
                        row.get("window_from", OffsetDateTime.class), row.get("window_to", OffsetDateTime.class),
                        row.get("planned_departure", OffsetDateTime.class), row.get("packages", Long.class).intValue()))
                .all()
                .collectList();
    }

    /**
     * Writes the change in the caller's transaction. The route row first: it serialises changes of one route (a
     * second one waits, then finds the version changed) instead of two transactions locking the same stops in
     * different orders.
     */
    Mono<Void> write(RouteHead route, RouteChange change, Resequenced order, List<StopTiming> timings,
            PackageTransition move) {
        return routeChanged(route, change, order)
                .then(routes.deferStopSequence())
                .then(change.added() ? stopJoined(route, change, timings) : stopLeft(change))
                .then(packageMoved(route, change, move))
                .then(change.dropStop() ? stopDropped(change.stop()) : Mono.empty())
                .then(reordered(route, timings));
    }

    private Mono<Void> routeChanged(RouteHead route, RouteChange change, Resequenced order) {
        return routes.changeLoad(route.id(), route.version(), new LoadChange(RouteChangeRules.utc(order.end()),
                        order.meters(), change.sign(), change.parcel().liters(), change.parcel().kg()))
                .flatMap(updated -> Versions.current(updated, 1, route.id()));
    }

    /** The package joins its stop, inserted first when it is new (at its place in the new order). */
    private Mono<Void> stopJoined(RouteHead route, RouteChange change, List<StopTiming> timings) {
        RouteStop stop = change.stop();
        Mono<Void> insert = !change.newStop() ? Mono.empty() : routes.addStop(new AddedStop(stop.id(), route.id(),
                seqOf(timings, stop.id()), stop.address(), stop.lat(), stop.lon(), stop.from(), stop.to()));
        return insert.then(routes.addToStop(stop.id(), change.parcel().trackingId()));
    }

    private Mono<Void> stopLeft(RouteChange change) {
        return routes.takeOffStop(change.stop().id(), change.parcel().trackingId());
    }

    private Mono<Void> packageMoved(RouteHead route, RouteChange change, PackageTransition move) {
        Parcel p = change.parcel();
        return ledger.reroute(p.trackingId(), p.version(), move, change.added() ? change.stop().id() : null,
                        (change.added() ? "Added to route " : "Taken off route ") + route.id())
                .flatMap(updated -> Versions.current(updated, 1, p.trackingId()));
    }

    private Mono<Void> stopDropped(RouteStop stop) {
        return routes.dropStop(stop.id()).flatMap(updated -> Versions.current(updated, 1, stop.id()));
    }

    /** The open stops take their new sequence numbers, windows and planned times, in one statement. */
    private Mono<Void> reordered(RouteHead route, List<StopTiming> timings) {
        if (timings.isEmpty()) {
            return Mono.empty();
        }
        List<StopOrder> orders = timings.stream().map(t -> new StopOrder(t.id(), t.seq(), t.from(), t.to(),
                t.arrival(), t.departure())).toList();
        return routes.reorder(route.id(), orders)
                .flatMap(updated -> Versions.current(updated, timings.size(), route.id()));
    }

    private static int seqOf(List<StopTiming> timings, String stopId) {
        return timings.stream().filter(t -> t.id().equals(stopId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("stop " + stopId + " missing from the new order"))
                .seq();
    }
}
