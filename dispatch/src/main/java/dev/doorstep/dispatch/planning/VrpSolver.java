package dev.doorstep.dispatch.planning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Solves a VRP with jsprit. Problems larger than {@code clusterSize} visits are split into angular sectors
 * around the depot (a sweep), each solved on its own with a share of the fleet, in parallel: one jsprit run on
 * thousands of stops would spend the whole budget building its first solution.
 */
public final class VrpSolver {

    private final int clusterSize;
    private final int threads;

    public VrpSolver(int clusterSize, int threads) {
        this.clusterSize = clusterSize;
        this.threads = Math.max(1, threads);
    }

    /** Blocking and CPU-bound: call it off the event loop. */
    public VrpSolution solve(VrpProblem problem, TravelTimes travelTimes, Duration budget) {
        // A re-plan starts from whole published routes: one piece.
        if (problem.visits().size() <= clusterSize || problem.end() != null || problem.kept() != null) {
            return new JspritSolve(problem, travelTimes.between(points(problem))).run(budget, threads);
        }
        List<VrpProblem> parts = sectors(problem);
        Duration each = budget.multipliedBy(Math.min(threads, parts.size())).dividedBy(parts.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<VrpSolution>> futures = new ArrayList<>();
            for (VrpProblem part : parts) {
                futures.add(pool.submit(() -> new JspritSolve(part, travelTimes.between(points(part))).run(each, 1)));
            }
            return merged(futures);
        } finally {
            pool.shutdownNow();
        }
    }

    private static VrpSolution merged(List<Future<VrpSolution>> futures) {
        List<VrpRoute> routes = new ArrayList<>();
        List<String> unassigned = new ArrayList<>();
        Set<String> sources = new TreeSet<>();
        for (Future<VrpSolution> future : futures) {
            VrpSolution part = join(future);
            routes.addAll(part.routes());
            unassigned.addAll(part.unassigned());
            sources.add(part.travelSource());
        }
        // A fallback in one sector only still shows in the plan.
        return new VrpSolution(routes, unassigned, String.join(", ", sources));
    }

    private static VrpSolution join(Future<VrpSolution> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("planning interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("planning failed", e.getCause());
        }
    }

    static List<Point> points(VrpProblem problem) {
        List<Point> points = new ArrayList<>(problem.visits().size() + 1);
        points.add(problem.depot());
        problem.visits().forEach(visit -> points.add(visit.point()));
        if (problem.end() != null) {
            points.add(problem.end());
        }
        return points;
    }

    /** Consecutive angular slices of about {@code clusterSize} visits, each with a proportional share of every kind. */
    List<VrpProblem> sectors(VrpProblem problem) {
        Point depot = problem.depot();
        List<VrpVisit> byAngle = GroupedSweep.ordered(problem.visits(), depot);
        int count = (byAngle.size() + clusterSize - 1) / clusterSize;
        int[] cuts = GroupedSweep.cuts(byAngle, count);
        double total = load(byAngle);
        List<VrpProblem> parts = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            List<VrpVisit> slice = byAngle.subList(cuts[c], cuts[c + 1]);
            double share = total == 0 ? 1.0 / count : load(slice) / total;
            List<VrpVehicleKind> kinds = problem.kinds().stream()
                    .map(kind -> kind.withCount(Math.min(kind.count(), (int) Math.ceil(kind.count() * share * 1.5) + 1)))
                    .toList();
            parts.add(problem.part(slice, kinds));
        }
        return parts;
    }

    private static double load(List<VrpVisit> visits) {
        return visits.stream().mapToDouble(v -> v.size().length == 0 ? 1 : v.size()[0]).sum();
    }
}
