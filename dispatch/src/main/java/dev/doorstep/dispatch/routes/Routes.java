package dev.doorstep.dispatch.routes;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.events.StopArrived;
import dev.doorstep.dispatch.events.RouteAssigned;
import dev.doorstep.dispatch.events.RouteFinished;
import dev.doorstep.dispatch.events.RouteStarted;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.dispatch.planning.PlannedRoute;
import dev.doorstep.dispatch.planning.PlannedRoutes;
import dev.doorstep.dispatch.returns.ReturnsSettings;
import java.time.LocalDate;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Published routes from hand-off to the end of the day. Every change reads the row, checks who may make it and
 * whether the state machine allows it, then writes only if the version read is still current (optimistic
 * locking), with its outbox event in the same transaction.
 */
@Component
public class Routes {

    private final DatabaseClient db;
    private final PlannedRoutes planned;
    private final Outbox outbox;
    private final ReturnsSettings returns;
    private final TransactionalOperator transaction;

    Routes(DatabaseClient db, PlannedRoutes planned, Outbox outbox, ReturnsSettings returns,
            ReactiveTransactionManager transactions) {
        this.db = db;
        this.returns = returns;
        this.planned = planned;
        this.outbox = outbox;
        this.transaction = TransactionalOperator.create(transactions);
    }

    public Mono<List<PlannedRoute>> ofDsp(String dspId, LocalDate date) {
        return dspId == null ? Mono.just(List.of()) : planned.ofDsp(dspId, date);
    }

    /** A DSP puts one of its drivers and one of its vans on one of its routes. */
    public Mono<PlannedRoute> assign(String dspId, String routeId, Assignment assignment) {
        return route(routeId, row -> row.dspId() != null && row.dspId().equals(dspId))
                .flatMap(row -> checkedFleet(dspId, row, assignment)
                        .then(movable(row, RouteStatus.ASSIGNED))
                        .then(driverFree(row, assignment.driverId()))
                        .then(db.sql("UPDATE routes SET driver_id = :driver, van_id = :van, status = 'ASSIGNED', "
                                        + "version = version + 1 WHERE id = :id AND version = :version")
                                .bind("driver", assignment.driverId()).bind("van", assignment.vanId())
                                .bind("id", routeId).bind("version", row.version())
                                .fetch().rowsUpdated())
                        .flatMap(updated -> current(updated, routeId))
                        .then(outbox.append(routeId, new RouteAssigned(routeId, dspId, assignment.driverId(),
                                assignment.vanId(), row.date())))
                        .as(transaction::transactional)
                        .onErrorMap(DataIntegrityViolationException.class, e -> driverBusy(assignment.driverId())))
                .then(planned.get(routeId));
    }

    public Mono<Itinerary> itinerary(String driverId, LocalDate date) {
        return planned.ofDriver(driverId, date)
                .map(routes -> new Itinerary(routes.isEmpty() ? null : routes.get(0)));
    }

    /** The assigned driver leaves: the route is IN_PROGRESS and its packages OUT_FOR_DELIVERY. */
    public Mono<PlannedRoute> start(String driverId, String routeId) {
        return route(routeId, row -> driverId.equals(row.driverId()))
                .flatMap(row -> movable(row, RouteStatus.IN_PROGRESS)
                        .then(moved(row, "status = 'IN_PROGRESS', started_at = now()"))
                        .then(db.sql("WITH out AS (UPDATE packages p SET status = 'OUT_FOR_DELIVERY', "
                                        + "version = p.version + 1, updated_at = now() FROM stops s "
                                        + "WHERE p.stop_id = s.id AND s.route_id = :route AND p.status = 'PLANNED' "
                                        + "RETURNING p.tracking_id), events AS (INSERT INTO package_events "
                                        + "(tracking_id, status, detail) SELECT tracking_id, 'OUT_FOR_DELIVERY', :detail "
                                        + "FROM out) SELECT tracking_id FROM out ORDER BY tracking_id")
                                .bind("route", routeId).bind("detail", "Out for delivery on route " + routeId)
                                .map(r -> r.get("tracking_id", String.class)).all().collectList())
                        .flatMap(ids -> outbox.append(routeId, new RouteStarted(routeId, driverId, ids)))
                        .as(transaction::transactional))
                .then(planned.get(routeId));
    }

    /** The driver is at a stop of its route in progress. */
    public Mono<PlannedRoute> arrive(String driverId, String stopId) {
        return db.sql("SELECT s.route_id, s.status, s.version, r.driver_id, r.status AS route_status FROM stops s "
                        + "JOIN routes r ON r.id = s.route_id WHERE s.id = :id")
                .bind("id", stopId)
                .map(r -> new StopRow(r.get("route_id", String.class), r.get("status", String.class),
                        r.get("version", Integer.class), r.get("driver_id", String.class),
                        r.get("route_status", String.class)))
                .one()
                .filter(stop -> driverId.equals(stop.driverId()))
                .switchIfEmpty(Mono.error(() -> new NotFound("stop", stopId)))
                .flatMap(stop -> {
                    if (!"IN_PROGRESS".equals(stop.routeStatus()) || !"PENDING".equals(stop.status())) {
                        return Mono.error(illegal("stop " + stopId + " is " + stop.status() + " on a route "
                                + stop.routeStatus() + "; arriving needs a PENDING stop on a route IN_PROGRESS"));
                    }
                    return db.sql("UPDATE stops SET status = 'ARRIVED', arrived_at = now(), version = version + 1 "
                                    + "WHERE id = :id AND version = :version")
                            .bind("id", stopId).bind("version", stop.version()).fetch().rowsUpdated()
                            .flatMap(updated -> current(updated, stopId))
                            .then(outbox.append(stop.routeId(), new StopArrived(stopId, stop.routeId(), driverId)))
                            .as(transaction::transactional)
                            .then(planned.get(stop.routeId()));
                });
    }

    /**
     * The route is over; what the driver carries goes back to the station and is listed: packages still out for
     * delivery or attempted, and customer returns picked up. A pickup not collected (failed, or never visited) was
     * never in the van: it is due again on a later day, or CANCELLED after the last attempt.
     */
    public Mono<PlannedRoute> finish(String driverId, String routeId) {
        return route(routeId, row -> driverId.equals(row.driverId()))
                .flatMap(row -> movable(row, RouteStatus.FINISHED)
                        .then(moved(row, "status = 'FINISHED', finished_at = now()"))
                        .then(db.sql("SELECT p.tracking_id FROM packages p JOIN stops s ON s.id = p.stop_id "
                                        + "WHERE s.route_id = :route AND ((p.kind = 'DELIVERY' AND p.status IN "
                                        + "('OUT_FOR_DELIVERY', 'ATTEMPTED')) OR (p.kind = 'PICKUP' AND p.status = "
                                        + "'PICKED_UP')) ORDER BY p.tracking_id")
                                .bind("route", routeId).map(r -> r.get("tracking_id", String.class)).all().collectList())
                        .flatMap(ids -> outbox.append(routeId, new RouteFinished(routeId, driverId, ids)))
                        .then(uncollectedPickups(routeId))
                        .as(transaction::transactional))
                .then(planned.get(routeId));
    }

    /** Pickups of the route not collected: AT_STATION again, window moved by whole days; CANCELLED at the last try. */
    private Mono<Void> uncollectedPickups(String routeId) {
        return db.sql("WITH left_behind AS (SELECT p.tracking_id, p.attempts >= :max AS done, interval '1 day' * "
                        + "GREATEST(1, CEIL(EXTRACT(EPOCH FROM now() - p.window_to) / 86400)) AS shift FROM packages p "
                        + "JOIN stops s ON s.id = p.stop_id WHERE s.route_id = :route AND p.kind = 'PICKUP' "
                        + "AND p.status IN ('OUT_FOR_DELIVERY', 'ATTEMPTED') FOR UPDATE OF p), "
                        + "moved AS (UPDATE packages p SET status = CASE WHEN l.done THEN 'CANCELLED' ELSE 'AT_STATION' "
                        + "END, window_from = CASE WHEN l.done THEN p.window_from ELSE p.window_from + l.shift END, "
                        + "window_to = CASE WHEN l.done THEN p.window_to ELSE p.window_to + l.shift END, "
                        + "version = p.version + 1, updated_at = now() FROM left_behind l "
                        + "WHERE p.tracking_id = l.tracking_id RETURNING p.tracking_id, p.status) "
                        + "INSERT INTO package_events (tracking_id, status, detail) SELECT tracking_id, status, "
                        + "CASE WHEN status = 'CANCELLED' THEN :cancelled ELSE :again END FROM moved")
                .bind("max", returns.maxAttempts()).bind("route", routeId)
                .bind("cancelled", "Pickup not collected after the last attempt; cancelled")
                .bind("again", "Pickup not collected; due again on a later day")
                .then();
    }

    private record RouteRow(String id, String dspId, String driverId, RouteStatus status, int version, LocalDate date,
            int packages, double liters, double kg) {
    }

    private record StopRow(String routeId, String status, int version, String driverId, String routeStatus) {
    }

    /** The route if the caller may see it; otherwise not found, whether it exists or not. */
    private Mono<RouteRow> route(String routeId, java.util.function.Predicate<RouteRow> visible) {
        return db.sql("SELECT id, dsp_id, driver_id, status, version, service_date, load_packages, "
                        + "load_volume_liters, load_weight_kg FROM routes WHERE id = :id")
                .bind("id", routeId)
                .map(r -> new RouteRow(r.get("id", String.class), r.get("dsp_id", String.class),
                        r.get("driver_id", String.class), RouteStatus.valueOf(r.get("status", String.class)),
                        r.get("version", Integer.class), r.get("service_date", LocalDate.class),
                        r.get("load_packages", Integer.class), r.get("load_volume_liters", Double.class),
                        r.get("load_weight_kg", Double.class)))
                .one()
                .filter(visible)
                .switchIfEmpty(Mono.error(() -> new NotFound("route", routeId)));
    }

    private static Mono<Void> movable(RouteRow row, RouteStatus next) {
        return row.status().canMoveTo(next) ? Mono.empty()
                : Mono.error(illegal("route " + row.id() + " is " + row.status() + " and cannot become " + next));
    }

    private Mono<Void> moved(RouteRow row, String set) {
        return db.sql("UPDATE routes SET " + set + ", version = version + 1 WHERE id = :id AND version = :version")
                .bind("id", row.id()).bind("version", row.version())
                .fetch().rowsUpdated()
                .flatMap(updated -> current(updated, row.id()));
    }

    private static Mono<Void> current(long updated, String id) {
        return updated == 1 ? Mono.empty() : Mono.error(new Conflict("CONCURRENT_UPDATE",
                id + " was changed by someone else meanwhile; read it again and retry"));
    }

    /** Another DSP's driver or van is not found; an inactive one, or a van too small, is a conflict. */
    private Mono<Void> checkedFleet(String dspId, RouteRow row, Assignment assignment) {
        Mono<Void> driver = db.sql("SELECT active FROM drivers WHERE id = :id AND dsp_id = :dsp")
                .bind("id", assignment.driverId()).bind("dsp", dspId)
                .map(r -> Boolean.TRUE.equals(r.get("active", Boolean.class))).one()
                .switchIfEmpty(Mono.error(() -> new NotFound("driver", assignment.driverId())))
                .flatMap(active -> active ? Mono.<Void>empty() : Mono.error(new Conflict("DRIVER_INACTIVE",
                        "Driver " + assignment.driverId() + " is inactive")));
        Mono<Void> van = db.sql("SELECT active, capacity_packages, volume_liters, weight_kg FROM vans "
                        + "WHERE id = :id AND dsp_id = :dsp")
                .bind("id", assignment.vanId()).bind("dsp", dspId)
                .map(r -> new VanFit(Boolean.TRUE.equals(r.get("active", Boolean.class)),
                        r.get("capacity_packages", Integer.class) >= row.packages()
                                && r.get("volume_liters", Double.class) >= row.liters()
                                && r.get("weight_kg", Double.class) >= row.kg()))
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("van", assignment.vanId())))
                .flatMap(fit -> {
                    if (!fit.active()) {
                        return Mono.error(new Conflict("VAN_INACTIVE", "Van " + assignment.vanId() + " is inactive"));
                    }
                    return fit.carries() ? Mono.<Void>empty() : Mono.error(new Conflict("VAN_TOO_SMALL",
                            "Van " + assignment.vanId() + " cannot carry this route's " + row.packages() + " packages, "
                                    + Math.round(row.liters()) + " L, " + Math.round(row.kg()) + " kg"));
                });
        return driver.then(van);
    }

    private record VanFit(boolean active, boolean carries) {
    }

    private Mono<Void> driverFree(RouteRow row, String driverId) {
        return db.sql("SELECT id FROM routes WHERE driver_id = :driver AND service_date = :date AND id <> :id "
                        + "AND status <> 'CANCELLED' LIMIT 1")
                .bind("driver", driverId).bind("date", row.date()).bind("id", row.id())
                .map(r -> r.get("id", String.class)).one()
                .flatMap(other -> Mono.error(driverBusy(driverId)));
    }

    private static Conflict driverBusy(String driverId) {
        return new Conflict("DRIVER_BUSY", "Driver " + driverId + " is already on another route that day");
    }

    private static Conflict illegal(String detail) {
        return new Conflict("ILLEGAL_TRANSITION", detail);
    }
}
