package dev.doorstep.dispatch.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Solves one synthetic station day once the app is ready, on a thread of its own, so that the JIT has compiled the
 * solver's hot paths (geodesic travel times, jsprit's insertion and ruin, sectors and seams) before the first real
 * plan. The plan is made up, nothing is read or written, and a real plan may start meanwhile. Off by default: on the
 * shared development machine it made no measurable difference to the JVM's first 2,000-stop plan (bench/README.md,
 * "Planner warm-up").
 */
@Component
class PlanWarmUp {

    private static final Logger log = LoggerFactory.getLogger(PlanWarmUp.class);

    private final PlanningSettings planning;
    private final PlanWarmUpSettings settings;
    private volatile VrpSolution solved;

    PlanWarmUp(PlanningSettings planning, PlanWarmUpSettings settings) {
        this.planning = planning;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startWarmUp() {
        if (settings.budget().isZero() || settings.stops() <= 0) {
            return;
        }
        Thread thread = new Thread(this::warmUp, "plan-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** The warm-up's own plan, once solved (null before, and without a warm-up): for the tests. */
    VrpSolution solved() {
        return solved;
    }

    void warmUp() {
        long started = System.nanoTime();
        try {
            VrpProblem problem = syntheticDay(settings.stops(), planning.routeCostSeconds());
            int threads = planning.threads() > 0 ? planning.threads() : Runtime.getRuntime().availableProcessors();
            VrpSolution solution = new VrpSolver(planning.clusterSize(), threads).solve(problem,
                    new GeodesicTravelTimes(planning.roadFactor(), new double[] {planning.metersPerSecond("VAN")}),
                    settings.budget());
            solved = solution;
            log.info("planner warmed up: a synthetic day of {} stops solved in {} ms ({} routes, {} left out)",
                    problem.visits().size(), (System.nanoTime() - started) / 1_000_000, solution.routes().size(),
                    solution.unassigned().size());
        } catch (RuntimeException e) {
            log.warn("planner warm-up failed; the first plan will be slower: {}", e.toString());
        }
    }

    /**
     * Stops scattered over about 20 by 20 km, one to three packages each, in the windows a station's manifests carry
     * (09-13, 13-18, 09-21), vans of 120 packages on a ten-hour shift from 08:00 and room for them all.
     */
    static VrpProblem syntheticDay(int stops, double routeCost) {
        Random random = new Random(stops);
        List<VrpVisit> visits = new ArrayList<>(stops);
        int packages = 0;
        for (int i = 0; i < stops; i++) {
            int count = 1 + random.nextInt(3);
            packages += count;
            int slot = random.nextInt(3);
            double from = (slot == 1 ? 13 : 9) * 3600.0;
            double to = (slot == 0 ? 13 : slot == 1 ? 18 : 21) * 3600.0;
            visits.add(new VrpVisit("warm-up-" + i, new Point(-122.33 + (random.nextDouble() - 0.5) * 0.26,
                    47.61 + (random.nextDouble() - 0.5) * 0.18), new int[] {count, count * 5000, count * 2000},
                    120 + 30 * (count - 1), from, to));
        }
        VrpVehicleKind van = new VrpVehicleKind("VAN", new int[] {120, 2_000_000, 800_000},
                2 * (packages / 120 + 1) + stops / 25, 8 * 3600.0, 18 * 3600.0);
        return new VrpProblem(new Point(-122.33, 47.61), visits, List.of(van), routeCost);
    }
}
