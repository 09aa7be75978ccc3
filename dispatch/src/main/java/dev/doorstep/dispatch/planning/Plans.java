package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.stations.Station;
import dev.doorstep.dispatch.stations.Stations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
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
    private final PlanPublication publication;
    private final DatabaseClient db;
    private final VrpSolver solver;

    Plans(Stations stations, PlanStore store, PlanReader reader, PlanningSettings settings,
            PlanPublication publication, DatabaseClient db) {
        this.stations = stations;
        this.store = store;
        this.reader = reader;
        this.settings = settings;
        this.publication = publication;
        this.db = db;
        this.solver = new VrpSolver(settings.clusterSize(), settings.threads() > 0 ? settings.threads()
                : Runtime.getRuntime().availableProcessors());
    }

    public Mono<PlanView> start(String stationId, PlanRequest request) {
        checked(request);
        String planId = Ids.next("pl");
        return stations.get(stationId)
                .flatMap(station -> store.insertRunning(planId, stationId, request)
                        .then(reader.plan(planId))
                        // The job starts once the RUNNING view is read, so that the answer never races it.
                        .doOnSuccess(running -> job(planId, station, request)
                                .subscribe(null, e -> log.error("plan {} could not be recorded as failed", planId, e))));
    }

    /**
     * Marks FAILED the jobs still RUNNING long after their budget: their node stopped mid-solve. Runs when the
     * app is ready; the margin keeps it from touching a job another node is still solving.
     */
    public Mono<Long> failAbandoned() {
        return db.sql("""
                        UPDATE plans SET status = 'FAILED', finished_at = now(), version = version + 1,
                        failure = 'interrupted: the node solving it stopped; re-run the plan' WHERE status = 'RUNNING'
                        AND started_at < now() - make_interval(secs => budget_seconds + :margin)""")
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
        return publication.publish(planId, request);
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
                    DayProblem day = DayProblem.of(zone, station.location().lat(), station.location().lon(),
                            StopGrouping.stops(packages), request, settings.routeCostSeconds());
                    VrpSolution solution = solver.solve(day.vrp(),
                            settings.travelTimes(request.fleet().stream().map(FleetEntry::type).toList()),
                            Duration.ofSeconds(request.timeBudgetSeconds()));
                    return store.saveResult(planId, station.id(), request.date(), day, solution);
                })
                .onErrorResume(e -> {
                    log.warn("plan {} failed", planId, e);
                    return store.markFailed(planId, String.valueOf(e.getMessage()));
                });
    }
}
