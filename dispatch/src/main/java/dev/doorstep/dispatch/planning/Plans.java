package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.dispatch.stations.Station;
import dev.doorstep.dispatch.stations.Stations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A station's plans of the day. Every plan runs as a job: {@link #start} records it RUNNING and returns at once,
 * the solver works off the event loop, and {@link #get} shows progress, then the routes.
 */
@Component
public class Plans {

    private static final Logger log = LoggerFactory.getLogger(Plans.class);
    private static final Duration ABANDONED_MARGIN = Duration.ofMinutes(10);

    private final Stations stations;
    private final PlanStore store;
    private final PlanReader reader;
    private final PlanningSettings settings;
    private final Outbox outbox;
    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final VrpSolver solver;

    Plans(Stations stations, PlanStore store, PlanReader reader, PlanningSettings settings, Outbox outbox,
            DatabaseClient db, ReactiveTransactionManager transactions) {
        this.stations = stations;
        this.store = store;
        this.reader = reader;
        this.settings = settings;
        this.outbox = outbox;
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.solver = new VrpSolver(settings.clusterSize(), settings.threads() > 0 ? settings.threads()
                : Runtime.getRuntime().availableProcessors());
    }

    public Mono<PlanView> start(String stationId, PlanRequest request) {
        checked(request);
        String planId = Ids.next("pl");
        return stations.get(stationId)
                .flatMap(station -> store.insertRunning(planId, stationId, request.date(), request.timeBudgetSeconds())
                        .doOnSuccess(done -> job(planId, station, request)
                                .subscribe(null, e -> log.error("plan {} could not be recorded as failed", planId, e))))
                .then(reader.plan(planId));
    }

    /**
     * Marks FAILED the jobs still RUNNING long after their budget: their node stopped mid-solve. Runs when the
     * app is ready; the margin keeps it from touching a job another node is still solving.
     */
    public Mono<Long> failAbandoned() {
        return db.sql("UPDATE plans SET status = 'FAILED', finished_at = now(), version = version + 1, "
                        + "failure = 'interrupted: the node solving it stopped; re-run the plan' WHERE status = 'RUNNING' "
                        + "AND started_at < now() - make_interval(secs => budget_seconds + :margin)")
                .bind("margin", ABANDONED_MARGIN.toSeconds())
                .fetch().rowsUpdated();
    }

    @EventListener(ApplicationReadyEvent.class)
    void failAbandonedAtStart() {
        failAbandoned().subscribe(null, e -> log.warn("could not fail abandoned plans", e));
    }

    public Mono<PlanView> get(String planId) {
        return reader.plan(planId);
    }

    /** Publishes a READY plan: DSPs take routes in plan order, and the plan's packages become PLANNED. */
    public Mono<PlanView> publish(String planId, PublishRequest request) {
        return reader.plan(planId)
                .flatMap(plan -> {
                    if (plan.status() != PlanStatus.READY) {
                        return Mono.error(new Conflict("PLAN_NOT_READY", "Plan " + planId + " is " + plan.status()
                                + "; only a READY plan can be published"));
                    }
                    int asked = request.dsps().stream().mapToInt(DspShare::routes).sum();
                    if (asked > plan.routes().size()) {
                        return Mono.error(InvalidInput.of("dsps", "ask for " + asked + " routes but the plan has "
                                + plan.routes().size()));
                    }
                    return publishChecked(plan, request);
                })
                .then(reader.plan(planId));
    }

    private Mono<Void> publishChecked(PlanView plan, PublishRequest request) {
        List<String> routeIds = new ArrayList<>();
        List<String> dspIds = new ArrayList<>();
        int next = 0;
        for (DspShare share : request.dsps()) {
            for (int i = 0; i < share.routes(); i++) {
                routeIds.add(plan.routes().get(next++).id());
                dspIds.add(share.dspId());
            }
        }
        int packages = plan.routes().stream().mapToInt(r -> r.load().packages()).sum();
        return db.sql("UPDATE plans SET status = 'PUBLISHED', version = version + 1 WHERE id = :id AND status = 'READY'")
                .bind("id", plan.id()).fetch().rowsUpdated()
                .flatMap(updated -> updated == 0
                        ? Mono.error(new Conflict("PLAN_NOT_READY", "Plan " + plan.id() + " was published meanwhile"))
                        : Mono.just(updated))
                .then(checkedDsps(request))
                .then(db.sql("UPDATE routes r SET dsp_id = t.dsp, version = r.version + 1 "
                                + "FROM unnest(:ids::text[], :dsps::text[]) AS t(id, dsp) WHERE r.id = t.id")
                        .bind("ids", routeIds.toArray(String[]::new)).bind("dsps", dspIds.toArray(String[]::new))
                        .then())
                .then(db.sql("WITH planned AS (UPDATE packages p SET status = 'PLANNED', stop_id = sp.stop_id, "
                                + "version = p.version + 1, updated_at = now() FROM stop_packages sp "
                                + "JOIN stops s ON s.id = sp.stop_id JOIN routes r ON r.id = s.route_id "
                                + "WHERE r.plan_id = :plan AND p.tracking_id = sp.tracking_id "
                                + "AND p.status IN ('MANIFESTED', 'AT_STATION') RETURNING p.tracking_id) "
                                + "INSERT INTO package_events (tracking_id, status, detail) "
                                + "SELECT tracking_id, 'PLANNED', :detail FROM planned")
                        .bind("plan", plan.id()).bind("detail", "On a route of plan " + plan.id())
                        .fetch().rowsUpdated())
                .flatMap(planned -> planned < packages
                        ? Mono.error(new Conflict("PLAN_STALE", (packages - planned) + " of the plan's packages have "
                                + "changed status since it was made (another plan was published?); re-run the plan"))
                        : Mono.just(planned))
                .then(outbox.append(plan.id(), new PlanPublished(plan.id(), plan.stationId(), plan.date(),
                        request.dsps(), plan.routes().size())))
                .as(transaction::transactional);
    }

    private Mono<Void> checkedDsps(PublishRequest request) {
        String[] ids = request.dsps().stream().map(DspShare::dspId).distinct().toArray(String[]::new);
        return db.sql("SELECT id FROM dsps WHERE id = ANY(:ids::text[])").bind("ids", ids)
                .map(row -> row.get("id", String.class)).all().collectList()
                .flatMap(found -> {
                    for (String id : ids) {
                        if (!found.contains(id)) {
                            return Mono.error(new NotFound("dsp", id));
                        }
                    }
                    return Mono.empty();
                });
    }

    private void checked(PlanRequest request) {
        Set<String> types = new HashSet<>();
        for (FleetEntry entry : request.fleet()) {
            if (!types.add(entry.type())) {
                throw InvalidInput.of("fleet", "lists vehicle type " + entry.type() + " twice");
            }
        }
        if (request.timeBudgetSeconds() > settings.maxBudgetSeconds()) {
            throw InvalidInput.of("timeBudgetSeconds", "must be at most " + settings.maxBudgetSeconds());
        }
    }

    private Mono<Void> job(String planId, Station station, PlanRequest request) {
        ZoneId zone = ZoneId.of(station.timeZone());
        Instant from = request.date().atStartOfDay(zone).toInstant();
        Instant to = request.date().plusDays(1).atStartOfDay(zone).toInstant();
        return store.due(station.id(), from, to)
                .publishOn(Schedulers.boundedElastic())
                .flatMap(packages -> {
                    DayProblem day = DayProblem.of(from, station.location().lat(), station.location().lon(),
                            StopGrouping.stops(packages), request, settings.routeCostSeconds());
                    VrpSolution solution = solver.solve(day.vrp(), travelTimes(request),
                            Duration.ofSeconds(request.timeBudgetSeconds()));
                    return store.saveResult(planId, station.id(), request.date(), day, solution);
                })
                .onErrorResume(e -> {
                    log.warn("plan {} failed", planId, e);
                    return store.markFailed(planId, String.valueOf(e.getMessage()));
                });
    }

    private TravelTimes travelTimes(PlanRequest request) {
        double[] speeds = request.fleet().stream().mapToDouble(f -> settings.metersPerSecond(f.type())).toArray();
        TravelTimes geodesic = new GeodesicTravelTimes(settings.roadFactor(), speeds);
        if (!settings.osrmEnabled()) {
            return geodesic;
        }
        double[] slowdown = request.fleet().stream()
                .mapToDouble(f -> settings.speedKmh() / 3.6 / settings.metersPerSecond(f.type())).toArray();
        return new OsrmTravelTimes(settings.osrmUrl(), settings.osrmMaxTableSize(), settings.osrmTimeout(), slowdown,
                geodesic);
    }
}
