package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.packages.PackageKind;
import dev.doorstep.dispatch.packages.PackageLedger.PackageOnStop;
import dev.doorstep.dispatch.packages.Packages;
import dev.doorstep.dispatch.routes.ledger.RouteLedger;
import dev.doorstep.dispatch.sql.Binds;
import dev.doorstep.dispatch.routes.ledger.RouteLedger.NewRoute;
import dev.doorstep.dispatch.routes.ledger.RouteLedger.NewStop;
import io.r2dbc.postgresql.codec.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plans in PostgreSQL (also the queue the nodes solve them from), with their routes, stops and stop packages written through the {@link RouteLedger}; each
 * result is written in one transaction.
 */
@Component
class PlanStore {

    private final DatabaseClient db;
    private final Packages packages;
    private final RouteLedger routes;
    private final TransactionalOperator transaction;
    private final JsonMapper json;

    PlanStore(DatabaseClient db, Packages packages, RouteLedger routes, ReactiveTransactionManager transactions,
            JsonMapper json) {
        this.db = db;
        this.json = json;
        this.packages = packages;
        this.routes = routes;
        this.transaction = TransactionalOperator.create(transactions);
    }

    /** Queues the plan (RUNNING, no node yet) with its request, for whichever node claims it. */
    Mono<Void> insertQueued(String planId, String stationId, PlanRequest request, String requestedOn) {
        return db.sql("""
                        INSERT INTO plans (id, station_id, service_date, status, budget_seconds,
                        service_seconds_per_stop, service_seconds_per_extra_package, request, requested_on,
                        keeps_plan_id)
                        VALUES (:id, :station, :date, 'RUNNING', :budget, :perStop, :perExtra, :request, :node,
                        :keeps)""")
                .bind("id", planId).bind("station", stationId).bind("date", request.date())
                .bind("budget", request.timeBudgetSeconds()).bind("perStop", request.serviceSecondsPerStop())
                .bind("perExtra", request.serviceSecondsPerExtraPackage())
                .bind("request", Json.of(json.writeValueAsBytes(request))).bind("node", requestedOn)
                .bind("keeps", Binds.nullable(request.keepRoutesOf(), String.class))
                .then();
    }

    /**
     * Claims up to {@code limit} queued plans for {@code node}, oldest first: those no node holds and those whose
     * node let its lease run out. Nodes claiming at once skip each other's rows.
     */
    Flux<ClaimedPlan> claim(String node, int limit, Duration lease) {
        return db.sql("""
                        UPDATE plans SET solver_node = :node, lease_until = now() + make_interval(secs => :lease),
                            started_at = now(), attempts = attempts + 1, version = version + 1
                        WHERE id IN (SELECT id FROM plans WHERE status = 'RUNNING'
                            AND (lease_until IS NULL OR lease_until < now())
                            ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING id, station_id, request::text AS request, attempts""")
                .bind("node", node).bind("lease", lease.toMillis() / 1000.0).bind("limit", limit)
                .map(row -> new ClaimedPlan(row.get("id", String.class), row.get("station_id", String.class),
                        row.get("request", String.class), row.get("attempts", Integer.class)))
                .all();
    }

    /** Extends the lease of a plan {@code node} still holds; emits false when another node took it over. */
    Mono<Boolean> renewLease(String planId, String node, Duration lease) {
        return db.sql("""
                        UPDATE plans SET lease_until = now() + make_interval(secs => :lease)
                        WHERE id = :id AND solver_node = :node AND status = 'RUNNING'""")
                .bind("lease", lease.toMillis() / 1000.0).bind("id", planId).bind("node", node)
                .fetch().rowsUpdated().map(updated -> updated > 0);
    }

    /**
     * Packages of the station still waiting for a route whose window overlaps [from, to): deliveries and pickups.
     * A pickup's item counts against the van's capacity for the whole route (as if loaded at the start): simple,
     * and never over capacity, though it may leave a van emptier than it could be.
     */
    Mono<List<DuePackage>> due(String stationId, Instant from, Instant to) {
        return packages.waitingForRoute(stationId, from, to)
                .map(waiting -> waiting.stream().map(p -> new DuePackage(p.trackingId(), p.address(),
                        p.location().lat(), p.location().lon(), p.windowFrom(), p.windowTo(), p.weightKg(), p.liters(),
                        p.kind() == PackageKind.PICKUP)).toList());
    }

    /** A plan a node claimed from the queue; {@code request} is null for a plan queued before requests were kept. */
    record ClaimedPlan(String id, String stationId, String request, int attempts) {
    }

    /** Another node holds the plan now (this node's lease ran out): its result is not this node's to write. */
    static final class TakenOver extends RuntimeException {
        TakenOver(String planId) {
            super("plan " + planId + " was taken over by another node");
        }
    }

    /** {@code continued}: for a re-plan, the published route each route continues (null: a new route); else null. */
    Mono<Void> saveResult(String planId, String node, String stationId, LocalDate date, DayProblem day,
            VrpSolution solution, List<String> continued) {
        Rows rows = new Rows();
        for (int seq = 0; seq < solution.routes().size(); seq++) {
            rows.route(planId, seq, solution.routes().get(seq), day, continued == null ? null : continued.get(seq));
        }
        List<String> unplanned = new ArrayList<>();
        for (String visitId : solution.unassigned()) {
            day.stop(visitId).packages().forEach(p -> unplanned.add(p.trackingId()));
        }
        int packageCount = day.stops().stream().mapToInt(s -> s.packages().size()).sum();
        return routes.insertPlanned(stationId, date, rows.routes, rows.stops, rows.stopPackages)
                .then(db.sql("""
                                UPDATE plans SET status = 'READY', finished_at = now(), travel_source = :source,
                                    stop_count = :stops, package_count = :packages, unplanned = :unplanned::text[],
                                    version = version + 1
                                WHERE id = :id AND status = 'RUNNING' AND solver_node = :node""")
                        .bind("source", solution.travelSource()).bind("stops", day.stops().size())
                        .bind("packages", packageCount).bind("unplanned", unplanned.toArray(String[]::new))
                        .bind("id", planId).bind("node", node).fetch().rowsUpdated()
                        // Rolls the routes back: the node that took the plan over writes its own.
                        .flatMap(updated -> updated > 0 ? Mono.<Void>empty() : Mono.error(new TakenOver(planId))))
                .as(transaction::transactional);
    }

    Mono<Void> markFailed(String planId, String node, String failure) {
        return db.sql("""
                        UPDATE plans SET status = 'FAILED', finished_at = now(), failure = :failure,
                            version = version + 1
                        WHERE id = :id AND status = 'RUNNING' AND solver_node = :node""")
                .bind("failure", failure).bind("id", planId).bind("node", node).then();
    }

    private static PackageKind kindOf(StopDraft stop) {
        return stop.pickup() ? PackageKind.PICKUP : PackageKind.DELIVERY;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** The rows of one plan result: its routes, their stops and which packages each stop serves. */
    private static final class Rows {
        final List<NewRoute> routes = new ArrayList<>();
        final List<NewStop> stops = new ArrayList<>();
        final List<PackageOnStop> stopPackages = new ArrayList<>();

        void route(String planId, int seq, VrpRoute route, DayProblem day, String continues) {
            String routeId = Ids.next("rt");
            int packages = 0;
            double liters = 0;
            double kg = 0;
            int stopSeq = 0;
            for (VrpStop planned : route.stops()) {
                StopDraft stop = day.stop(planned.visitId());
                String stopId = Ids.next("sp");
                stops.add(new NewStop(stopId, routeId, stopSeq++, kindOf(stop).name(),
                        stop.address(), stop.lat(), stop.lon(), utc(stop.windowFrom()),
                        utc(stop.windowTo()), utc(day.at(planned.arrival())), utc(day.at(planned.departure()))));
                stop.packages().forEach(p -> stopPackages.add(new PackageOnStop(p.trackingId(), stopId)));
                packages += stop.packages().size();
                liters += stop.volumeLiters();
                kg += stop.weightKg();
            }
            OffsetDateTime shiftEnd = day.vrp().kinds().stream().filter(kind -> kind.id().equals(route.kindId()))
                    .findFirst().map(kind -> utc(day.at(kind.shiftEnd()))).orElse(null);
            routes.add(new NewRoute(routeId, planId, seq, route.kindId(), utc(day.at(route.start())),
                    utc(day.at(route.end())), route.meters(), route.end() - route.start(), packages, liters, kg,
                    shiftEnd, route.takesBreak() ? utc(day.at(route.breakStart())) : null,
                    route.takesBreak() ? utc(day.at(route.breakEnd())) : null, continues));
        }
    }
}
