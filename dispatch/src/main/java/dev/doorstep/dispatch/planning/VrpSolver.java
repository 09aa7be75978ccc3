package dev.doorstep.dispatch.planning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Solves a VRP with jsprit. Problems larger than {@code clusterSize} visits are split into angular sectors
 * around the depot (a sweep), each solved on its own with its share of the fleet, in parallel: one jsprit run on
 * thousands of stops would spend the whole budget building its first solution, and its travel matrix would not
 * fit (10,000 stops are 100 million pairs). Then the seams: the routes on either side of each border between two
 * sectors are solved again together, and kept when that serves more visits or costs less, so that two half-full
 * routes cut apart by a border can become one.
 *
 * <p>The budget is the wall time of the whole solve, travel matrices included: each sector's share is worked out
 * when it starts, from the time left, so a slow sector makes the next ones shorter instead of the plan late.
 */
public final class VrpSolver {

    private static final Logger log = LoggerFactory.getLogger(VrpSolver.class);

    /** Share of a split problem's budget kept for the seams. */
    static final double SEAM_SHARE = 0.3;
    private static final Duration LEAST = Duration.ofMillis(200);

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
        long started = System.nanoTime();
        long seamsFrom = started + (long) (budget.toNanos() * (1 - SEAM_SHARE));
        long end = started + budget.toNanos();
        List<VrpProblem> parts = sectors(problem);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<VrpSolution> solved = all(pool, parts, seamsFrom, travelTimes);
            long sectorsDone = System.nanoTime();
            VrpSolution seamed = seamed(pool, problem, parts, solved, end, travelTimes);
            log.info("{} visits in {} sectors: solved in {} s ({} routes, {} km, {} left out), seams in {} s "
                            + "({} routes, {} km, {} left out)", problem.visits().size(), parts.size(),
                    seconds(sectorsDone - started), solved.stream().mapToInt(part -> part.routes().size()).sum(),
                    Math.round(solved.stream().mapToDouble(VrpSolution::meters).sum() / 1000),
                    solved.stream().mapToInt(part -> part.unassigned().size()).sum(),
                    seconds(System.nanoTime() - sectorsDone), seamed.routes().size(), Math.round(seamed.meters() / 1000),
                    seamed.unassigned().size());
            return seamed;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Solves every part by {@code until}, each given its share of the time left when it starts. */
    private List<VrpSolution> all(ExecutorService pool, List<VrpProblem> parts, long until, TravelTimes travelTimes) {
        AtomicInteger waiting = new AtomicInteger(parts.size());
        List<Future<VrpSolution>> futures = new ArrayList<>();
        for (VrpProblem part : parts) {
            futures.add(pool.submit((Callable<VrpSolution>) () -> {
                long begun = System.nanoTime();
                TravelMatrix matrix = travelTimes.between(points(part));
                long matrixDone = System.nanoTime();
                int left = waiting.getAndDecrement();
                long share = (until - System.nanoTime()) * Math.min(threads, left) / left;
                VrpSolution solution = withoutVehicles(part)
                        ? new VrpSolution(List.of(), part.visits().stream().map(VrpVisit::id).toList(), matrix.source())
                        : new JspritSolve(part, matrix).withCheapStart().run(max(Duration.ofNanos(share), LEAST), 1);
                log.debug("sector of {} visits: matrix {} s, jsprit {} s for a share of {} s", part.visits().size(),
                        seconds(matrixDone - begun), seconds(System.nanoTime() - matrixDone), seconds(share));
                return solution;
            }));
        }
        List<VrpSolution> solutions = new ArrayList<>();
        for (Future<VrpSolution> future : futures) {
            solutions.add(join(future));
        }
        return solutions;
    }

    /**
     * The seam between sectors k and k + 1 (around the circle): the later half of k's routes by angle, the earlier
     * half of k + 1's, k's visits left unassigned and the vehicles k did not use, solved again as one problem with
     * just those vehicles. Seams share no route, so they run in parallel, and the vehicles stay within the fleet.
     */
    private VrpSolution seamed(ExecutorService pool, VrpProblem problem, List<VrpProblem> parts,
            List<VrpSolution> solved, long end, TravelTimes travelTimes) {
        int count = parts.size();
        Map<String, VrpVisit> visits = new HashMap<>();
        problem.visits().forEach(visit -> visits.put(visit.id(), visit));
        List<List<VrpRoute>> byAngle = new ArrayList<>();
        for (VrpSolution solution : solved) {
            List<VrpRoute> routes = new ArrayList<>(solution.routes());
            routes.sort(Comparator.comparingDouble(route -> angle(problem.depot(), route, visits)));
            byAngle.add(routes);
        }
        List<Seam> seams = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            List<VrpRoute> before = byAngle.get(k);
            List<VrpRoute> after = byAngle.get((k + 1) % count);
            List<VrpRoute> routes = new ArrayList<>(before.subList(before.size() / 2, before.size()));
            routes.addAll(after.subList(0, after.size() / 2));
            seams.add(new Seam(routes, solved.get(k).unassigned(), unused(parts.get(k), solved.get(k)),
                    solved.get(k).travelSource()));
        }
        AtomicInteger waiting = new AtomicInteger(count);
        List<Future<VrpSolution>> futures = new ArrayList<>();
        for (Seam seam : seams) {
            futures.add(pool.submit(() -> {
                int left = waiting.getAndDecrement();
                long share = (end - System.nanoTime()) * Math.min(threads, left) / left;
                return seam.solve(problem, visits, travelTimes, max(Duration.ofNanos(share), LEAST));
            }));
        }
        List<VrpRoute> routes = new ArrayList<>();
        List<String> unassigned = new ArrayList<>();
        Set<String> sources = new TreeSet<>();
        solved.forEach(solution -> sources.add(solution.travelSource()));
        // Every route is in one seam: the later half of its sector's in the seam after, the rest in the one before.
        for (int k = 0; k < count; k++) {
            VrpSolution seam = join(futures.get(k));
            routes.addAll(seam.routes());
            unassigned.addAll(seam.unassigned());
            sources.add(seam.travelSource());
        }
        // A fallback in one sector only still shows in the plan.
        return new VrpSolution(routes, unassigned, String.join(", ", sources));
    }

    /** Routes around one border between sectors, with what the sector before it left. */
    private record Seam(List<VrpRoute> routes, List<String> unassigned, List<VrpVehicleKind> spare, String source) {

        /** The seam solved again, or as it was when that is no better: every visit served once either way. */
        VrpSolution solve(VrpProblem whole, Map<String, VrpVisit> visits, TravelTimes travelTimes, Duration budget) {
            VrpSolution before = new VrpSolution(routes, unassigned, source);
            List<VrpVisit> mine = new ArrayList<>();
            routes.forEach(route -> route.stops().forEach(stop -> mine.add(visits.get(stop.visitId()))));
            unassigned.forEach(id -> mine.add(visits.get(id)));
            if (mine.isEmpty()) {
                return before;
            }
            List<VrpVehicleKind> kinds = new ArrayList<>();
            for (VrpVehicleKind kind : whole.kinds()) {
                int used = (int) routes.stream().filter(route -> route.kindId().equals(kind.id())).count();
                int spareOfKind = spare.stream().filter(s -> s.id().equals(kind.id())).mapToInt(VrpVehicleKind::count).sum();
                kinds.add(kind.withCount(used + spareOfKind));
            }
            // A part of the whole: the break, route length and groups kept together hold in the seam too.
            VrpProblem seam = whole.part(mine, kinds);
            if (kinds.stream().mapToInt(VrpVehicleKind::count).sum() == 0) {
                return before;
            }
            // From the routes as they are: no first solution to build, and never worse than them to jsprit either.
            VrpSolution after = new JspritSolve(seam, travelTimes.between(points(seam))).startingFrom(routes)
                    .run(budget, 1);
            return better(after, before, whole.routeCost()) ? after : before;
        }
    }

    /** A sector whose share of a small fleet is no vehicle at all: jsprit refuses it; the seam after may serve it. */
    private static boolean withoutVehicles(VrpProblem part) {
        return part.kinds().stream().mapToInt(VrpVehicleKind::count).sum() == 0;
    }

    /** Fewer visits left out, else a lower cost (routes at their fixed cost plus driving). */
    static boolean better(VrpSolution candidate, VrpSolution incumbent, double routeCost) {
        if (candidate.unassigned().size() != incumbent.unassigned().size()) {
            return candidate.unassigned().size() < incumbent.unassigned().size();
        }
        return cost(candidate, routeCost) < cost(incumbent, routeCost) - 1e-6;
    }

    private static double cost(VrpSolution solution, double routeCost) {
        return solution.routes().stream().mapToDouble(route -> routeCost + route.drivingSeconds()).sum();
    }

    /** The vehicles a part had and its solution did not use. */
    private static List<VrpVehicleKind> unused(VrpProblem part, VrpSolution solution) {
        List<VrpVehicleKind> spare = new ArrayList<>();
        for (VrpVehicleKind kind : part.kinds()) {
            long used = solution.routes().stream().filter(route -> route.kindId().equals(kind.id())).count();
            spare.add(kind.withCount((int) Math.max(0, kind.count() - used)));
        }
        return spare;
    }

    /** Direction of a route's stops from the depot (of their mean offset), as atan2 gives it. */
    private static double angle(Point depot, VrpRoute route, Map<String, VrpVisit> visits) {
        double x = 0;
        double y = 0;
        for (VrpStop stop : route.stops()) {
            Point point = visits.get(stop.visitId()).point();
            x += point.x() - depot.x();
            y += point.y() - depot.y();
        }
        return Math.atan2(y, x);
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("planning interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("planning failed", e.getCause());
        }
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
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

    /**
     * Consecutive angular slices of about {@code clusterSize} visits. Each kind's vehicles are shared out in
     * proportion to the slices' loads (largest remainders), so that together the slices never have more vehicles
     * than the fleet.
     */
    List<VrpProblem> sectors(VrpProblem problem) {
        Point depot = problem.depot();
        List<VrpVisit> byAngle = GroupedSweep.ordered(problem.visits(), depot);
        int count = (byAngle.size() + clusterSize - 1) / clusterSize;
        int[] cuts = GroupedSweep.cuts(byAngle, count);
        double total = load(byAngle);
        List<List<VrpVisit>> slices = new ArrayList<>();
        double[] shares = new double[count];
        for (int c = 0; c < count; c++) {
            List<VrpVisit> slice = byAngle.subList(cuts[c], cuts[c + 1]);
            slices.add(slice);
            shares[c] = total == 0 ? 1.0 / count : load(slice) / total;
        }
        List<int[]> counts = problem.kinds().stream().map(kind -> shared(kind.count(), shares)).toList();
        List<VrpProblem> parts = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            List<VrpVehicleKind> kinds = new ArrayList<>();
            for (int k = 0; k < problem.kinds().size(); k++) {
                kinds.add(problem.kinds().get(k).withCount(counts.get(k)[c]));
            }
            parts.add(problem.part(slices.get(c), kinds));
        }
        return parts;
    }

    /** {@code total} split in proportion to {@code shares} (summing to 1), whole numbers adding up to {@code total}. */
    static int[] shared(int total, double[] shares) {
        int[] counts = new int[shares.length];
        Integer[] order = new Integer[shares.length];
        int given = 0;
        for (int i = 0; i < shares.length; i++) {
            counts[i] = (int) Math.floor(total * shares[i]);
            given += counts[i];
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> counts[i] - total * shares[i]));
        for (int i = 0; given < total; i = (i + 1) % shares.length) {
            counts[order[i]]++;
            given++;
        }
        return counts;
    }

    private static double load(List<VrpVisit> visits) {
        return visits.stream().mapToDouble(v -> v.size().length == 0 ? 1 : v.size()[0]).sum();
    }
}
