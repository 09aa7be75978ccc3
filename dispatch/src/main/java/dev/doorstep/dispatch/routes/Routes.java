package dev.doorstep.dispatch.routes;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.events.RouteAssigned;
import dev.doorstep.dispatch.events.RouteFinished;
import dev.doorstep.dispatch.events.RouteStarted;
import dev.doorstep.dispatch.events.StopArrived;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.dispatch.packages.PackageLedger;
import dev.doorstep.dispatch.packages.Packages;
import dev.doorstep.dispatch.planning.PlannedRoute;
import dev.doorstep.dispatch.planning.PlannedRoutes;
import dev.doorstep.dispatch.returns.ReturnsSettings;
import dev.doorstep.dispatch.routes.ledger.RouteLedger;
import dev.doorstep.dispatch.routes.ledger.RouteStatus;
import dev.doorstep.dispatch.routes.ledger.StopStatus;
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
    private final Packages packages;
    private final PackageLedger ledger;
    private final ReturnsSettings returns;
    private final RouteLedger routes;
    private final TransactionalOperator transaction;

    Routes(DatabaseClient db, PlannedRoutes planned, Outbox outbox, Packages packages, PackageLedger ledger,
            ReturnsSettings returns, RouteLedger routes, ReactiveTransactionManager transactions) {
        this.routes = routes;
        this.packages = packages;
        this.ledger = ledger;
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
                        .then(routes.assign(routeId, row.version(), assignment.driverId(), assignment.vanId()))
                        .flatMap(updated -> Versions.current(updated, 1, routeId))
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
                        .then(routes.start(routeId, row.version()))
                        .flatMap(updated -> Versions.current(updated, 1, routeId))
                        .then(stopIds(routeId))
                        .flatMap(stops -> ledger.load(stops, "Out for delivery on route " + routeId))
                        .flatMap(ids -> outbox.append(routeId, new RouteStarted(routeId, driverId, ids)))
                        .as(transaction::transactional))
                .then(planned.get(routeId));
    }

    /** The driver is at a stop of its route in progress. */
    public Mono<PlannedRoute> arrive(String driverId, String stopId) {
        return db.sql("""
                        SELECT s.route_id, s.status, s.version, r.driver_id, r.status AS route_status FROM stops s
                        JOIN routes r ON r.id = s.route_id WHERE s.id = :id""")
                .bind("id", stopId)
                .map(r -> new StopRow(r.get("route_id", String.class),
                        StopStatus.valueOf(r.get("status", String.class)), r.get("version", Integer.class),
                        r.get("driver_id", String.class), RouteStatus.valueOf(r.get("route_status", String.class))))
                .one()
                .filter(stop -> driverId.equals(stop.driverId()))
                .switchIfEmpty(Mono.error(() -> new NotFound("stop", stopId)))
                .flatMap(stop -> {
                    if (stop.routeStatus() != RouteStatus.IN_PROGRESS || stop.status() != StopStatus.PENDING) {
                        return Mono.error(illegal("stop " + stopId + " is " + stop.status() + " on a route "
                                + stop.routeStatus() + "; arriving needs a PENDING stop on a route IN_PROGRESS"));
                    }
                    return routes.arrive(stopId, stop.version())
                            .flatMap(updated -> Versions.current(updated, 1, stopId))
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
                        .then(routes.finish(routeId, row.version()))
                        .flatMap(updated -> Versions.current(updated, 1, routeId))
                        .then(stopIds(routeId))
                        .flatMap(stops -> packages.withDriver(stops)
                                .flatMap(ids -> outbox.append(routeId, new RouteFinished(routeId, driverId, ids)))
                                .then(ledger.pickupsNotCollected(stops, returns.maxAttempts())))
                        .as(transaction::transactional))
                .then(planned.get(routeId));
    }

    private Mono<List<String>> stopIds(String routeId) {
        return db.sql("SELECT id FROM stops WHERE route_id = :route")
                .bind("route", routeId)
                .map(r -> r.get("id", String.class))
                .all()
                .collectList();
    }

    private record RouteRow(String id, String dspId, String driverId, RouteStatus status, int version, LocalDate date,
            int packages, double liters, double kg) {
    }

    private record StopRow(String routeId, StopStatus status, int version, String driverId,
            RouteStatus routeStatus) {
    }

    /** The route if the caller may see it; otherwise not found, whether it exists or not. */
    private Mono<RouteRow> route(String routeId, java.util.function.Predicate<RouteRow> visible) {
        return db.sql("""
                        SELECT id, dsp_id, driver_id, status, version, service_date, load_packages,
                        load_volume_liters, load_weight_kg FROM routes WHERE id = :id""")
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

    /** Another DSP's driver or van is not found; an inactive one, or a van too small, is a conflict. */
    private Mono<Void> checkedFleet(String dspId, RouteRow row, Assignment assignment) {
        // Problems name the driver and the van as the dispatcher knows them.
        Mono<Void> driver = db.sql("SELECT active, name FROM drivers WHERE id = :id AND dsp_id = :dsp")
                .bind("id", assignment.driverId()).bind("dsp", dspId)
                .map(r -> Boolean.TRUE.equals(r.get("active", Boolean.class)) ? "" : r.get("name", String.class)).one()
                .switchIfEmpty(Mono.error(() -> new NotFound("driver", assignment.driverId())))
                .flatMap(inactive -> inactive.isEmpty() ? Mono.<Void>empty() : Mono.error(new Conflict("DRIVER_INACTIVE",
                        "Driver " + inactive + " is inactive")));
        Mono<Void> van = db.sql("""
                        SELECT active, plate, capacity_packages, volume_liters, weight_kg FROM vans
                        WHERE id = :id AND dsp_id = :dsp""")
                .bind("id", assignment.vanId()).bind("dsp", dspId)
                .map(r -> new VanFit(r.get("plate", String.class), Boolean.TRUE.equals(r.get("active", Boolean.class)),
                        r.get("capacity_packages", Integer.class) >= row.packages()
                                && r.get("volume_liters", Double.class) >= row.liters()
                                && r.get("weight_kg", Double.class) >= row.kg()))
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("van", assignment.vanId())))
                .flatMap(fit -> {
                    if (!fit.active()) {
                        return Mono.error(new Conflict("VAN_INACTIVE", "Van " + fit.plate() + " is inactive"));
                    }
                    return fit.carries() ? Mono.<Void>empty() : Mono.error(new Conflict("VAN_TOO_SMALL",
                            "Van " + fit.plate() + " cannot carry this route's " + row.packages() + " packages, "
                                    + Math.round(row.liters()) + " L, " + Math.round(row.kg()) + " kg"));
                });
        return driver.then(van);
    }

    private record VanFit(String plate, boolean active, boolean carries) {
    }

    private Mono<Void> driverFree(RouteRow row, String driverId) {
        return db.sql("""
                        SELECT d.name, r.plan_seq FROM routes r JOIN drivers d ON d.id = r.driver_id
                        WHERE r.driver_id = :driver AND r.service_date = :date AND r.id <> :id
                        AND r.status <> 'CANCELLED' LIMIT 1""")
                .bind("driver", driverId).bind("date", row.date()).bind("id", row.id())
                .map(r -> new Conflict("DRIVER_BUSY", "Driver " + r.get("name", String.class) + " is already on "
                        + (r.get("plan_seq", Integer.class) == null ? "another route"
                                : "Route " + (r.get("plan_seq", Integer.class) + 1)) + " that day"))
                .one()
                .flatMap(Mono::error);
    }

    private static Conflict driverBusy(String driverId) {
        return new Conflict("DRIVER_BUSY", "Driver " + driverId + " is already on another route that day");
    }

    private static Conflict illegal(String detail) {
        return new Conflict("ILLEGAL_TRANSITION", detail);
    }
}
