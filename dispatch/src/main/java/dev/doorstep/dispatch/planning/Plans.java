package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.stations.Stations;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A station's plans of the day. Every plan runs as a job: {@link #start} queues it RUNNING and returns at once, a
 * node with a free solver slot solves it off the event loop ({@link PlanQueue}), and {@link #get} shows progress,
 * then the routes.
 */
@Component
public class Plans {

    private static final Logger log = LoggerFactory.getLogger(Plans.class);

    private final Stations stations;
    private final PlanStore store;
    private final PlanReader reader;
    private final PlanningSettings settings;
    private final PlanPublication publication;
    private final PlanQueue queue;
    private final KeptPlans kept;

    Plans(Stations stations, PlanStore store, PlanReader reader, PlanningSettings settings,
            PlanPublication publication, PlanQueue queue, KeptPlans kept) {
        this.kept = kept;
        this.stations = stations;
        this.store = store;
        this.reader = reader;
        this.settings = settings;
        this.publication = publication;
        this.queue = queue;
    }

    /** Queues the plan and answers it RUNNING; this node or another solves it (see {@link PlanQueue}). */
    public Mono<PlanView> start(String stationId, PlanRequest request) {
        checked(request);
        String planId = Ids.next("pl");
        return stations.get(stationId)
                .flatMap(station -> kept.checked(stationId, request).thenReturn(station))
                .flatMap(station -> store.insertQueued(planId, stationId, request, queue.node())
                        .then(reader.plan(planId))
                        // Claimed once the RUNNING view is read, so that the answer never races the result.
                        .doOnSuccess(running -> queue.claimNow()
                                .subscribe(null, e -> log.warn("plan queue: could not claim plan {} now: {}", planId,
                                        e.toString()))));
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
        checkedRules(request);
    }

    /** The optional rules: a break window the right way round, each package in at most one group. */
    private static void checkedRules(PlanRequest request) {
        DriverBreak driverBreak = request.driverBreak();
        if (driverBreak != null && driverBreak.latestStart().isBefore(driverBreak.earliestStart())) {
            throw InvalidInput.of("driverBreak.latestStart", "must not be before earliestStart");
        }
        Set<String> grouped = new HashSet<>();
        for (List<String> group : request.keepTogether()) {
            for (String trackingId : group) {
                if (!grouped.add(trackingId)) {
                    throw InvalidInput.of("keepTogether", "lists package " + trackingId + " twice");
                }
            }
        }
    }
}
