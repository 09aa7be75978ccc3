package dev.doorstep.bench;

import dev.doorstep.dispatch.planning.KeptRoutes;
import dev.doorstep.dispatch.planning.Point;
import dev.doorstep.dispatch.planning.RouteChanges;
import dev.doorstep.dispatch.planning.TravelMatrix;
import dev.doorstep.dispatch.planning.TravelTimes;
import dev.doorstep.dispatch.planning.VrpProblem;
import dev.doorstep.dispatch.planning.VrpRoute;
import dev.doorstep.dispatch.planning.VrpSolution;
import dev.doorstep.dispatch.planning.VrpSolver;
import dev.doorstep.dispatch.planning.VrpStop;
import dev.doorstep.dispatch.planning.VrpVehicleKind;
import dev.doorstep.dispatch.planning.VrpVisit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Route stability of a re-plan (the planner core, no app): a station day of {@code --stops} stops in a 20 km square
 * is planned, {@code --percent} % more stops arrive, and the day is planned again twice with the same budget: from
 * the published routes (kept, a move costing {@code --move-seconds}) and from scratch. Prints, per seeded run and as
 * medians, how many of the first plan's stops changed route (routes paired by the stops they share) and the driving.
 */
final class ReplanBench {

    /** Metres in the plane, driven at 30 km/h. */
    private static final TravelTimes PLANE = points -> new TravelMatrix() {
        @Override
        public double meters(int from, int to) {
            return Math.hypot(points.get(from).x() - points.get(to).x(), points.get(from).y() - points.get(to).y());
        }

        @Override
        public double seconds(int kind, int from, int to) {
            return meters(from, to) / (30 / 3.6);
        }
    };

    private ReplanBench() {
    }

    static void run(BenchOptions options) {
        int stops = options.number("stops", 400);
        int percent = options.number("percent", 5);
        int runs = options.number("runs", 3);
        Duration budget = Duration.ofSeconds(options.number("seconds", 10));
        double moveSeconds = options.number("move-seconds", 600);
        VrpSolver solver = new VrpSolver(Integer.MAX_VALUE, options.number("threads", Runtime.getRuntime().availableProcessors()));
        double[] keptMoved = new double[runs];
        double[] freshMoved = new double[runs];
        double[] keptDriving = new double[runs];
        double[] freshDriving = new double[runs];
        for (int run = 0; run < runs; run++) {
            Random random = new Random(run + 1);
            List<VrpVisit> day = visits(random, stops, "s");
            VrpVehicleKind van = new VrpVehicleKind("VAN", new int[] {40}, stops / 10, 8 * 3600, 18 * 3600);
            VrpSolution published = solver.solve(problem(day, van, null), PLANE, budget);
            List<VrpVisit> more = new ArrayList<>(day);
            more.addAll(visits(random, stops * percent / 100, "late"));
            VrpSolution kept = solver.solve(problem(more, van, RouteChanges.kept(published, moveSeconds)), PLANE, budget);
            VrpSolution fresh = solver.solve(problem(more, van, null), PLANE, budget);
            List<List<String>> before = published.routes().stream()
                    .map(r -> r.stops().stream().map(VrpStop::visitId).toList()).toList();
            keptMoved[run] = RouteChanges.moved(before, kept.routes());
            freshMoved[run] = RouteChanges.moved(before, fresh.routes());
            keptDriving[run] = driving(kept);
            freshDriving[run] = driving(fresh);
            System.out.printf("run %d: %d stops on %d routes (%d unplanned), +%d: kept %d routes, %d moved, %d unplanned, "
                    + "%.0f min driving; fresh %d routes, %d moved, %d unplanned, %.0f min driving%n", run + 1,
                    stops, published.routes().size(), published.unassigned().size(), more.size() - stops,
                    kept.routes().size(), (int) keptMoved[run], kept.unassigned().size(), keptDriving[run],
                    fresh.routes().size(), (int) freshMoved[run], fresh.unassigned().size(), freshDriving[run]);
        }
        System.out.printf("{\"bench\": \"replan\", \"stops\": %d, \"added_percent\": %d, \"runs\": %d, \"seconds\": %d, "
                + "\"moved_kept_median\": %.0f, \"moved_fresh_median\": %.0f, \"moved_kept_share\": %.3f, "
                + "\"driving_min_kept_median\": %.0f, \"driving_min_fresh_median\": %.0f, \"driving_ratio_kept_fresh\": %.3f}%n",
                stops, percent, runs, budget.toSeconds(), median(keptMoved), median(freshMoved),
                median(keptMoved) / stops, median(keptDriving), median(freshDriving),
                median(keptDriving) / median(freshDriving));
    }

    private static List<VrpVisit> visits(Random random, int count, String prefix) {
        List<VrpVisit> visits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int slot = random.nextInt(3);
            double from = (slot == 0 ? 9 : slot == 1 ? 13 : 9) * 3600.0;
            double to = (slot == 0 ? 13 : slot == 1 ? 17 : 17) * 3600.0;
            visits.add(new VrpVisit(prefix + i, new Point(random.nextDouble() * 20_000, random.nextDouble() * 20_000),
                    new int[] {1 + random.nextInt(2)}, 120, from, to));
        }
        return visits;
    }

    /** The day from a depot in the middle; {@code kept}: the published routes to stay close to, or null. */
    private static VrpProblem problem(List<VrpVisit> visits, VrpVehicleKind van, KeptRoutes kept) {
        return new VrpProblem(new Point(10_000, 10_000), visits, List.of(van), 36_000, null, kept);
    }

    private static double driving(VrpSolution solution) {
        return solution.routes().stream().mapToDouble(VrpRoute::drivingSeconds).sum() / 60;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
