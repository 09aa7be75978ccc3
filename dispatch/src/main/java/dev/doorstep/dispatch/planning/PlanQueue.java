package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.jobs.PeriodicJob;
import dev.doorstep.dispatch.jobs.ThisNode;
import dev.doorstep.dispatch.planning.PlanStore.ClaimedPlan;
import dev.doorstep.dispatch.planning.PlanStore.TakenOver;
import dev.doorstep.dispatch.planning.Replan.KeptPackage;
import dev.doorstep.dispatch.stations.Station;
import dev.doorstep.dispatch.stations.Stations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plans every node solves, queued in PostgreSQL: a node claims queued plans while it has a free slot
 * ({@code queue.solves-at-once}), so a plan asked of one node may be solved by another and no node solves more at
 * once than its setting. A claim is a lease, renewed while the node solves; when the node dies the lease runs out
 * and another node claims the plan again.
 */
@Component
public class PlanQueue implements PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(PlanQueue.class);

    private final Stations stations;
    private final PlanStore store;
    private final PlanningSettings planning;
    private final PlanQueueSettings settings;
    private final JsonMapper json;
    private final VrpSolver solver;
    private final String node;
    private final AtomicInteger solving = new AtomicInteger();
    private final KeptPlans kept;

    PlanQueue(Stations stations, PlanStore store, PlanningSettings planning, PlanQueueSettings settings,
            JsonMapper json, KeptPlans kept, ThisNode node) {
        this.node = node.name();
        this.kept = kept;
        this.stations = stations;
        this.store = store;
        this.planning = planning;
        this.settings = settings;
        this.json = json;
        this.solver = new VrpSolver(planning.clusterSize(), planning.threads() > 0 ? planning.threads()
                : Runtime.getRuntime().availableProcessors());
    }

    /** This node's name ({@link ThisNode}) in {@code plans.solver_node} and {@code requested_on}. */
    public String node() {
        return node;
    }

    /** Looks for queued plans on a timer, on the nodes that solve. */
    @Override
    public Schedule schedule() {
        return Schedule.every(settings.pollEvery(), "plan queue", now -> claimNow())
                .onlyIf(settings.solvesAtOnce() > 0);
    }

    /** Claims as many queued plans as this node has free slots and starts solving them; emits how many. */
    public Mono<Integer> claimNow() {
        return Mono.defer(() -> {
            int reserved = reserveFreeSlots();
            if (reserved == 0) {
                return Mono.just(0);
            }
            AtomicInteger started = new AtomicInteger();
            return store.claim(node, reserved, settings.lease())
                    .doOnNext(plan -> {
                        started.incrementAndGet();
                        solveInBackground(plan);
                    })
                    .count().map(Long::intValue)
                    // Slots reserved and not used go back, also when the claim failed or was cancelled.
                    .doFinally(signal -> solving.addAndGet(started.get() - reserved));
        });
    }

    /** Takes every free slot at once, so that two claims running together never take more than there are. */
    private int reserveFreeSlots() {
        int limit = settings.solvesAtOnce();
        int before = solving.getAndUpdate(busy -> Math.max(busy, limit));
        return Math.max(0, limit - before);
    }

    private void solveInBackground(ClaimedPlan plan) {
        Disposable heartbeat = Flux.interval(settings.lease().dividedBy(3))
                .concatMap(tick -> store.renewLease(plan.id(), node, settings.lease())
                        .onErrorResume(e -> Mono.just(true)))
                .takeWhile(held -> held)
                .subscribe();
        solve(plan)
                // Off the database connection's event loop: cancelling the heartbeat's timer takes its executor's lock.
                .publishOn(Schedulers.boundedElastic())
                .doFinally(signal -> {
                    heartbeat.dispose();
                    solving.decrementAndGet();
                    claimNow().subscribe(null, e -> log.warn("plan queue: could not claim the next plan: {}", e.toString()));
                })
                .subscribe(null, e -> log.error("plan {} could not be recorded as failed", plan.id(), e));
    }

    private Mono<Void> solve(ClaimedPlan plan) {
        if (plan.request() == null || plan.attempts() > settings.maxAttempts()) {
            return store.markFailed(plan.id(), node, "interrupted: the node solving it stopped; re-run the plan");
        }
        if (plan.attempts() > 1) {
            log.info("plan {}: its node stopped solving it; solving it again here (attempt {})", plan.id(),
                    plan.attempts());
        }
        PlanRequest request = json.readValue(plan.request(), PlanRequest.class);
        return stations.get(plan.stationId())
                .flatMap(station -> solved(plan.id(), station, request))
                .onErrorResume(TakenOver.class, e -> {
                    log.info("{}; its result here is dropped", e.getMessage());
                    return Mono.empty();
                })
                .onErrorResume(e -> {
                    log.warn("plan {} failed", plan.id(), e);
                    return store.markFailed(plan.id(), node, String.valueOf(e.getMessage()));
                });
    }

    private Mono<Void> solved(String planId, Station station, PlanRequest request) {
        ZoneId zone = ZoneId.of(station.timeZone());
        Instant from = request.date().atStartOfDay(zone).toInstant();
        Instant to = request.date().plusDays(1).atStartOfDay(zone).toInstant();
        long started = System.nanoTime();
        Mono<List<KeptPackage>> keptPackages = request.keepRoutesOf() == null ? Mono.just(List.of())
                : kept.packages(request.keepRoutesOf());
        return store.due(station.id(), from, to).zipWith(keptPackages)
                .publishOn(Schedulers.boundedElastic())
                .flatMap(packages -> {
                    long loaded = System.nanoTime();
                    Replan replan = request.keepRoutesOf() == null ? null : Replan.of(packages.getT1(), packages.getT2());
                    DayProblem day = DayProblem.of(zone, station.location().lat(), station.location().lon(),
                            replan == null ? StopGrouping.stops(packages.getT1()) : replan.stops(), request,
                            planning.routeCostSeconds());
                    VrpSolution solution = solver.solve(replan == null ? day.vrp() : replan.problem(day),
                            planning.travelTimes(request.fleet().stream().map(FleetEntry::type).toList()),
                            Duration.ofSeconds(request.timeBudgetSeconds()));
                    long solvedAt = System.nanoTime();
                    List<String> continued = replan == null ? null : replan.continued(solution);
                    if (replan != null) {
                        log.info("plan {}: re-plan of {}: {} of its stops change route", planId, request.keepRoutesOf(),
                                replan.moved(solution));
                    }
                    return store.saveResult(planId, node, station.id(), request.date(), day, solution, continued)
                            .doOnSuccess(saved -> log.info("plan {}: {} packages read in {} ms, {} stops solved in {} ms "
                                            + "(budget {} s), {} routes written in {} ms", planId,
                                    packages.getT1().size() + packages.getT2().size(),
                                    (loaded - started) / 1_000_000, day.stops().size(), (solvedAt - loaded) / 1_000_000,
                                    request.timeBudgetSeconds(), solution.routes().size(),
                                    (System.nanoTime() - solvedAt) / 1_000_000));
                });
    }
}
