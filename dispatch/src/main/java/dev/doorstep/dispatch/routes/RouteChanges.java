package dev.doorstep.dispatch.routes;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.errors.Rejected;
import dev.doorstep.dispatch.events.RouteResequenced;
import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.dispatch.planning.OpenStop;
import dev.doorstep.dispatch.planning.PlannedRoute;
import dev.doorstep.dispatch.planning.PlannedRoutes;
import dev.doorstep.dispatch.planning.Resequenced;
import dev.doorstep.dispatch.planning.Resequencer;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Station ops add a package to a published route or take one off it, and the stops still to visit are
 * re-sequenced by the planner from the last stop the driver reached (or the station). Stops reached already
 * keep their order and times. The route, the package and the stops are read, the new order is solved off the
 * event loop, then everything is written in one transaction only if none of them changed meanwhile.
 */
@Component
public class RouteChanges {

    private static final Set<String> ADDABLE = Set.of("MANIFESTED", "AT_STATION", "RETURNED_TO_STATION");
    private static final Set<String> REMOVABLE = Set.of("PLANNED", "OUT_FOR_DELIVERY");

    private final DatabaseClient db;
    private final PlannedRoutes planned;
    private final Resequencer resequencer;
    private final Outbox outbox;
    private final RoutesSettings settings;
    private final TransactionalOperator transaction;
    private final Clock clock;

    RouteChanges(DatabaseClient db, PlannedRoutes planned, Resequencer resequencer, Outbox outbox,
            RoutesSettings settings, ReactiveTransactionManager transactions, Clock clock) {
        this.db = db;
        this.planned = planned;
        this.resequencer = resequencer;
        this.outbox = outbox;
        this.settings = settings;
        this.transaction = TransactionalOperator.create(transactions);
        this.clock = clock;
    }

    /** Adds a package of the route's station: to a pending stop at its address whose window allows it, or as a new stop. */
    public Mono<PlannedRoute> addPackage(String routeId, String trackingId) {
        return head(routeId).flatMap(route -> pkg(trackingId).flatMap(p -> {
            if (!p.stationId().equals(route.stationId())) {
                return Mono.error(new Rejected("OTHER_STATION", "Package " + trackingId + " belongs to station "
                        + p.stationId() + ", not to this route's station " + route.stationId()));
            }
            if (!"DELIVERY".equals(p.kind()) || !ADDABLE.contains(p.status())) {
                return Mono.error(new Conflict("PACKAGE_NOT_AVAILABLE", "Package " + trackingId + " is " + p.status()
                        + "; only a delivery MANIFESTED, AT_STATION or RETURNED_TO_STATION can join a route"));
            }
            if (!route.vanTakes(p)) {
                return Mono.error(new Conflict("VAN_TOO_SMALL", "The van on route " + routeId
                        + " cannot carry package " + trackingId + " on top of its load"));
            }
            return stops(routeId).flatMap(stops -> {
                Stop joined = stops.stream().filter(s -> s.pending() && s.place().equals(place(p.address(), p.lat(),
                        p.lon())) && overlaps(s, p)).findFirst().orElse(null);
                List<Stop> next = new ArrayList<>(stops);
                Stop target;
                if (joined == null) {
                    target = new Stop(Ids.next("sp"), -1, "PENDING", p.address().strip(), p.lat(), p.lon(),
                            p.from(), p.to(), null, 1);
                    next.add(target);
                } else {
                    target = joined.with(later(joined.from(), p.from()), earlier(joined.to(), p.to()), joined.packages() + 1);
                    next.set(next.indexOf(joined), target);
                }
                Change change = new Change("ADDED", p, target, joined == null, false, 1);
                return resequence(route, next, change);
            });
        }));
    }

    /** Takes a not yet delivered package off the route; its stop goes when it was the last package of a pending stop. */
    public Mono<PlannedRoute> removePackage(String routeId, String trackingId) {
        return head(routeId).flatMap(route -> pkg(trackingId).flatMap(p -> stops(routeId).flatMap(stops -> {
            Stop stop = stops.stream().filter(s -> s.id().equals(p.stopId())).findFirst().orElse(null);
            if (stop == null) {
                return Mono.error(new NotFound("package", trackingId));
            }
            if (!REMOVABLE.contains(p.status())) {
                return Mono.error(new Conflict("PACKAGE_NOT_REMOVABLE", "Package " + trackingId + " is "
                        + p.status() + "; only a PLANNED or OUT_FOR_DELIVERY package can be taken off its route"));
            }
            List<Stop> next = new ArrayList<>(stops);
            boolean drop = stop.pending() && stop.packages() == 1;
            Stop target = stop.with(stop.from(), stop.to(), stop.packages() - 1);
            if (drop) {
                next.remove(stop);
            } else {
                next.set(next.indexOf(stop), target);
            }
            return resequence(route, next, new Change("REMOVED", p, target, false, drop, -1));
        })));
    }

    private Mono<PlannedRoute> resequence(Head route, List<Stop> stops, Change change) {
        List<Stop> reached = stops.stream().filter(s -> !s.pending()).sorted((a, b) -> Integer.compare(a.seq(), b.seq()))
                .toList();
        List<Stop> open = stops.stream().filter(Stop::pending).toList();
        Instant departAt = reached.isEmpty() ? route.plannedStart()
                : reached.get(reached.size() - 1).departure().toInstant();
        Instant now = clock.instant();
        if ("IN_PROGRESS".equals(route.status()) && now.isAfter(departAt)) {
            departAt = now;
        }
        Instant start = departAt;
        List<OpenStop> openStops = open.stream().map(s -> new OpenStop(s.id(), new GeoPoint(s.lat(), s.lon()),
                s.from() == null ? null : s.from().toInstant(), s.to() == null ? null : s.to().toInstant(),
                route.perStop() + (double) route.perExtra() * Math.max(0, s.packages() - 1))).toList();
        List<GeoPoint> visited = reached.stream().map(s -> new GeoPoint(s.lat(), s.lon())).toList();
        return Mono.fromCallable(() -> resequencer.order(route.vehicleType(), route.station(), visited, start,
                        route.shiftEnd(), openStops, settings.resequenceBudget()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(order -> {
                    if (!order.unplaced().isEmpty()) {
                        return Mono.error(new Conflict("ROUTE_CANNOT_TAKE", "With this change the route can no "
                                + "longer reach every stop within its window and its shift (" + order.unplaced().size()
                                + " stop(s) left over); nothing was changed"));
                    }
                    int firstSeq = reached.isEmpty() ? 0 : reached.get(reached.size() - 1).seq() + 1;
                    return written(route, open, order, firstSeq, change);
                })
                .then(planned.get(route.id()));
    }

    private Mono<Void> written(Head route, List<Stop> open, Resequenced order, int firstSeq, Change change) {
        Map<String, Stop> byId = new HashMap<>();
        open.forEach(s -> byId.put(s.id(), s));
        int n = order.stops().size();
        String[] ids = new String[n];
        Integer[] seqs = new Integer[n];
        OffsetDateTime[] froms = new OffsetDateTime[n];
        OffsetDateTime[] tos = new OffsetDateTime[n];
        OffsetDateTime[] arrivals = new OffsetDateTime[n];
        OffsetDateTime[] departures = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Resequenced.TimedStop timed = order.stops().get(i);
            Stop stop = byId.get(timed.id());
            ids[i] = timed.id();
            seqs[i] = firstSeq + i;
            froms[i] = stop.from();
            tos[i] = stop.to();
            arrivals[i] = utc(timed.arrival());
            departures[i] = utc(timed.departure());
        }
        Parcel p = change.parcel();
        boolean added = "ADDED".equals(change.kind());
        Mono<Void> stopChange;
        if (added) {
            Mono<Void> insert = change.newStop()
                    ? db.sql("INSERT INTO stops (id, route_id, seq, address, lat, lon, window_from, window_to) "
                                    + "VALUES (:id, :route, :seq, :address, :lat, :lon, :from, :to)")
                            .bind("id", change.stop().id()).bind("route", route.id())
                            .bind("seq", firstSeq + indexOf(ids, change.stop().id()))
                            .bind("address", change.stop().address()).bind("lat", change.stop().lat())
                            .bind("lon", change.stop().lon()).bind("from", change.stop().from())
                            .bind("to", change.stop().to()).then()
                    : Mono.empty();
            stopChange = insert.then(db.sql("INSERT INTO stop_packages (stop_id, tracking_id) VALUES (:stop, :id)")
                    .bind("stop", change.stop().id()).bind("id", p.trackingId()).then());
        } else {
            stopChange = db.sql("DELETE FROM stop_packages WHERE stop_id = :stop AND tracking_id = :id")
                    .bind("stop", change.stop().id()).bind("id", p.trackingId()).then();
        }
        String status = !added ? "AT_STATION" : "IN_PROGRESS".equals(route.status()) ? "OUT_FOR_DELIVERY" : "PLANNED";
        String detail = added ? "Added to route " + route.id() : "Taken off route " + route.id();
        Mono<Void> packageChange = db.sql("WITH changed AS (UPDATE packages SET status = :status, stop_id = "
                        + (added ? ":stop" : "NULL") + ", version = version + 1, updated_at = now() "
                        + "WHERE tracking_id = :id AND version = :version RETURNING tracking_id) "
                        + "INSERT INTO package_events (tracking_id, status, detail) "
                        + "SELECT tracking_id, :status, :detail FROM changed")
                .bind("status", status).bind("id", p.trackingId()).bind("version", p.version())
                .bind("detail", detail)
                .bindValues(added ? Map.of("stop", change.stop().id()) : Map.of())
                .fetch().rowsUpdated().flatMap(updated -> current(updated, 1, p.trackingId()));
        Mono<Void> dropStop = change.dropStop()
                ? db.sql("DELETE FROM stops WHERE id = :id AND status = 'PENDING'").bind("id", change.stop().id())
                        .fetch().rowsUpdated().flatMap(updated -> current(updated, 1, change.stop().id()))
                : Mono.empty();
        Mono<Void> reorder = n == 0 ? Mono.empty()
                : db.sql("UPDATE stops s SET seq = t.seq, window_from = t.wf, window_to = t.wt, planned_arrival = t.pa, "
                                + "planned_departure = t.pd, version = s.version + 1 FROM unnest(:ids::text[], :seqs::int[], "
                                + ":froms::timestamptz[], :tos::timestamptz[], :arrivals::timestamptz[], "
                                + ":departures::timestamptz[]) AS t(id, seq, wf, wt, pa, pd) "
                                + "WHERE s.id = t.id AND s.route_id = :route AND s.status = 'PENDING'")
                        .bind("ids", ids).bind("seqs", seqs).bind("froms", froms).bind("tos", tos)
                        .bind("arrivals", arrivals).bind("departures", departures).bind("route", route.id())
                        .fetch().rowsUpdated().flatMap(updated -> current(updated, n, route.id()));
        Mono<Void> routeChange = db.sql("UPDATE routes SET planned_end = :end, distance_m = :meters, "
                        + "duration_s = GREATEST(0, EXTRACT(EPOCH FROM (:end - planned_start))), "
                        + "load_packages = load_packages + :sign, "
                        + "load_volume_liters = GREATEST(0, load_volume_liters + :sign * :liters), "
                        + "load_weight_kg = GREATEST(0, load_weight_kg + :sign * :kg), version = version + 1 "
                        + "WHERE id = :id AND version = :version")
                .bind("end", utc(order.end())).bind("meters", order.meters()).bind("sign", change.sign())
                .bind("liters", p.liters()).bind("kg", p.kg()).bind("id", route.id()).bind("version", route.version())
                .fetch().rowsUpdated().flatMap(updated -> current(updated, 1, route.id()));
        // The route row first: it serialises changes of one route (a second one waits, then finds the version
        // changed) instead of two transactions locking the same stops in different orders.
        return routeChange
                .then(db.sql("SET CONSTRAINTS stops_sequence_unique DEFERRED").then())
                .then(stopChange)
                .then(packageChange)
                .then(dropStop)
                .then(reorder)
                .then(outbox.append(route.id(), new RouteResequenced(route.id(), change.kind(), p.trackingId(),
                        List.of(ids))))
                .as(transaction::transactional);
    }

    private static int indexOf(String[] ids, String id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].equals(id)) {
                return i;
            }
        }
        throw new IllegalStateException("stop " + id + " missing from the new order");
    }

    private static Mono<Void> current(long updated, int expected, String id) {
        return updated == expected ? Mono.empty() : Mono.error(new Conflict("CONCURRENT_UPDATE",
                id + " was changed by someone else meanwhile; read it again and retry"));
    }

    /** The route with what re-sequencing needs; only a published route that is not over can change. */
    private Mono<Head> head(String routeId) {
        return db.sql("SELECT r.id, r.station_id, r.status, r.version, r.vehicle_type, r.planned_start, "
                        + "COALESCE(r.shift_end, r.planned_start + interval '10 hours') AS shift_end, "
                        + "COALESCE(p.service_seconds_per_stop, 120) AS per_stop, "
                        + "COALESCE(p.service_seconds_per_extra_package, 30) AS per_extra, "
                        + "COALESCE(p.status, 'PUBLISHED') AS plan_status, s.lat, s.lon, r.load_packages, "
                        + "r.load_volume_liters, r.load_weight_kg, v.capacity_packages, v.volume_liters, v.weight_kg "
                        + "FROM routes r JOIN stations s ON s.id = r.station_id LEFT JOIN plans p ON p.id = r.plan_id "
                        + "LEFT JOIN vans v ON v.id = r.van_id WHERE r.id = :id")
                .bind("id", routeId)
                .map(row -> new Head(row.get("id", String.class), row.get("station_id", String.class),
                        row.get("status", String.class), row.get("version", Integer.class),
                        row.get("vehicle_type", String.class), row.get("planned_start", OffsetDateTime.class).toInstant(),
                        row.get("shift_end", OffsetDateTime.class).toInstant(), row.get("per_stop", Integer.class),
                        row.get("per_extra", Integer.class), row.get("plan_status", String.class),
                        new GeoPoint(row.get("lat", Double.class), row.get("lon", Double.class)),
                        new double[] {row.get("load_packages", Integer.class), row.get("load_volume_liters", Double.class),
                                row.get("load_weight_kg", Double.class)},
                        row.get("capacity_packages", Integer.class) == null ? null
                                : new double[] {row.get("capacity_packages", Integer.class),
                                        row.get("volume_liters", Double.class), row.get("weight_kg", Double.class)}))
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("route", routeId)))
                .flatMap(route -> {
                    if (!"PUBLISHED".equals(route.planStatus())) {
                        return Mono.error(new Conflict("ROUTE_NOT_PUBLISHED", "Route " + routeId
                                + " belongs to a plan not published yet; re-run or publish the plan instead"));
                    }
                    if (!Set.of("PLANNED", "ASSIGNED", "IN_PROGRESS").contains(route.status())) {
                        return Mono.error(new Conflict("ILLEGAL_TRANSITION", "Route " + routeId + " is "
                                + route.status() + "; only a route not yet over can take or lose packages"));
                    }
                    return Mono.just(route);
                });
    }

    private Mono<Parcel> pkg(String trackingId) {
        return db.sql("SELECT tracking_id, station_id, kind, status, version, stop_id, address, lat, lon, window_from, "
                        + "window_to, weight_kg, length_cm * width_cm * height_cm / 1000.0 AS liters FROM packages "
                        + "WHERE tracking_id = :id")
                .bind("id", trackingId)
                .map(row -> new Parcel(row.get("tracking_id", String.class), row.get("station_id", String.class),
                        row.get("kind", String.class), row.get("status", String.class), row.get("version", Integer.class),
                        row.get("stop_id", String.class), row.get("address", String.class), row.get("lat", Double.class),
                        row.get("lon", Double.class), row.get("window_from", OffsetDateTime.class),
                        row.get("window_to", OffsetDateTime.class), row.get("weight_kg", Double.class),
                        row.get("liters", Double.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("package", trackingId)));
    }

    private Mono<List<Stop>> stops(String routeId) {
        return db.sql("SELECT s.id, s.seq, s.status, s.address, s.lat, s.lon, s.window_from, s.window_to, "
                        + "s.planned_departure, (SELECT count(*) FROM stop_packages sp WHERE sp.stop_id = s.id) AS packages "
                        + "FROM stops s WHERE s.route_id = :route ORDER BY s.seq")
                .bind("route", routeId)
                .map(RouteChanges::stop)
                .all()
                .collectList();
    }

    private static Stop stop(Readable row) {
        return new Stop(row.get("id", String.class), row.get("seq", Integer.class), row.get("status", String.class),
                row.get("address", String.class), row.get("lat", Double.class), row.get("lon", Double.class),
                row.get("window_from", OffsetDateTime.class), row.get("window_to", OffsetDateTime.class),
                row.get("planned_departure", OffsetDateTime.class), row.get("packages", Long.class).intValue());
    }

    /** The same place as the planner's stop grouping: address, and location to about a metre. */
    private static String place(String address, double lat, double lon) {
        return address.strip().toLowerCase(Locale.ROOT) + '|' + Math.round(lat * 1e5) + '|' + Math.round(lon * 1e5);
    }

    private static boolean overlaps(Stop stop, Parcel p) {
        return (stop.from() == null || stop.from().isBefore(p.to())) && (stop.to() == null || stop.to().isAfter(p.from()));
    }

    private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static OffsetDateTime earlier(OffsetDateTime a, OffsetDateTime b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** {@code load} and {@code van} (null: no van yet): packages, litres, kilograms. */
    private record Head(String id, String stationId, String status, int version, String vehicleType,
            Instant plannedStart, Instant shiftEnd, int perStop, int perExtra, String planStatus, GeoPoint station,
            double[] load, double[] van) {

        boolean vanTakes(Parcel p) {
            return van == null || (load[0] + 1 <= van[0] && load[1] + p.liters() <= van[1] + 1e-9
                    && load[2] + p.kg() <= van[2] + 1e-9);
        }
    }

    private record Parcel(String trackingId, String stationId, String kind, String status, int version, String stopId,
            String address, double lat, double lon, OffsetDateTime from, OffsetDateTime to, double kg, double liters) {
    }

    private record Stop(String id, int seq, String status, String address, double lat, double lon, OffsetDateTime from,
            OffsetDateTime to, OffsetDateTime departure, int packages) {

        boolean pending() {
            return "PENDING".equals(status);
        }

        String place() {
            return RouteChanges.place(address, lat, lon);
        }

        Stop with(OffsetDateTime newFrom, OffsetDateTime newTo, int newPackages) {
            return new Stop(id, seq, status, address, lat, lon, newFrom, newTo, departure, newPackages);
        }
    }

    /** What changes besides the order: the package, its stop, whether the stop is new or goes. */
    private record Change(String kind, Parcel parcel, Stop stop, boolean newStop, boolean dropStop, int sign) {
    }
}
