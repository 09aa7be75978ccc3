package dev.doorstep.dispatch.planning;

import com.graphhopper.jsprit.core.algorithm.VehicleRoutingAlgorithm;
import com.graphhopper.jsprit.core.algorithm.box.Jsprit;
import com.graphhopper.jsprit.core.algorithm.termination.TimeTermination;
import com.graphhopper.jsprit.core.problem.Location;
import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.cost.AbstractForwardVehicleRoutingTransportCosts;
import com.graphhopper.jsprit.core.problem.driver.Driver;
import com.graphhopper.jsprit.core.problem.job.Job;
import com.graphhopper.jsprit.core.problem.job.Service;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TimeWindow;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TourActivity;
import com.graphhopper.jsprit.core.problem.vehicle.Vehicle;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleImpl;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleType;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleTypeImpl;
import com.graphhopper.jsprit.core.util.Solutions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/** One jsprit run (ruin and recreate) on one problem, within a time budget. */
final class JspritSolve {

    private final VrpProblem problem;
    private final TravelMatrix matrix;
    private final Map<String, Integer> kindIndex = new HashMap<>();
    private final int size;
    /** Where vehicles end: the depot (0), or the problem's end point after the visits. */
    private final int endIndex;
    /** Travel seconds per kind, row-major: jsprit asks millions of times, so no lookups beyond an array. */
    private final double[][] seconds;
    private final double[] meters;

    JspritSolve(VrpProblem problem, TravelMatrix matrix) {
        this.problem = problem;
        this.matrix = matrix;
        this.size = problem.visits().size() + (problem.end() == null ? 1 : 2);
        this.endIndex = problem.end() == null ? 0 : size - 1;
        this.seconds = new double[problem.kinds().size()][size * size];
        this.meters = new double[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                meters[i * size + j] = matrix.meters(i, j);
            }
        }
        for (int k = 0; k < problem.kinds().size(); k++) {
            kindIndex.put(problem.kinds().get(k).id(), k);
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    seconds[k][i * size + j] = matrix.seconds(k, i, j);
                }
            }
        }
    }

    VrpSolution run(Duration budget, int threads) {
        if (problem.visits().isEmpty()) {
            return new VrpSolution(List.of(), List.of(), matrix.source());
        }
        VehicleRoutingProblem vrp = jspritProblem();
        VehicleRoutingAlgorithm algorithm = algorithm(vrp, budget, threads);
        return solution(Solutions.bestOf(algorithm.searchSolutions()));
    }

    /**
     * The search: jsprit's ruin and recreate with the strategy weights of {@link #ALGORITHM} and a threshold
     * acceptance that cools down over the time budget, stopped by time. Chosen by measurement on the Solomon and
     * Gehring-Homberger instances (bench/README.md, "Planner engine"). The system property
     * {@code doorstep.planner.jsprit} ({@code key=value,...}) overrides single settings: for the bench only.
     */
    static VehicleRoutingAlgorithm algorithm(VehicleRoutingProblem vrp, Duration budget, int threads) {
        Map<String, String> settings = new LinkedHashMap<>(ALGORITHM);
        settings.putAll(overrides(System.getProperty("doorstep.planner.jsprit", "")));
        int iterations = Integer.parseInt(settings.getOrDefault("iterations", String.valueOf(Integer.MAX_VALUE)));
        // "clock=cpu" (this thread's CPU time; with threads=1) compares settings on a shared machine.
        LongSupplier clock = "cpu".equals(settings.get("clock")) ? JspritSolve::threadCpuNanos : System::nanoTime;
        var builder = Jsprit.Builder.newInstance(vrp).setProperty(Jsprit.Parameter.THREADS, String.valueOf(threads));
        TimedThresholdAcceptance acceptance = null;
        if (!"schrimpf".equals(settings.get("acceptance"))) {
            acceptance = new TimedThresholdAcceptance(budget.toNanos(), iterations,
                    Double.parseDouble(settings.get("threshold.ini")),
                    Double.parseDouble(settings.get("threshold.alpha")), clock);
            builder.setCustomAcceptor(acceptance);
        }
        settings.forEach((key, value) -> {
            if (!Set.of("acceptance", "iterations", "clock").contains(key)) {
                builder.setProperty(key, value);
            }
        });
        VehicleRoutingAlgorithm algorithm = builder.buildAlgorithm();
        if (acceptance != null) {
            algorithm.addListener(acceptance);
        }
        algorithm.setMaxIterations(iterations);
        TimeTermination termination = new TimeTermination(Math.max(1, budget.toMillis()));
        termination.setTimeGetter(() -> clock.getAsLong() / 1_000_000);
        algorithm.setPrematureAlgorithmTermination(termination);
        algorithm.addListener(termination);
        return algorithm;
    }

    private static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * jsprit builder properties, and {@code acceptance} ({@code timed}: {@link TimedThresholdAcceptance};
     * {@code schrimpf}: jsprit's own). Each setting below beat the library default on the same Solomon instances
     * and CPU time (bench/README.md, "Planner engine"): the string ruin (SISR-like) beside jsprit's radial,
     * random, worst and cluster ruins; the fast regret insertion (more iterations a second); a threshold that
     * starts at 3 % of the first solution and halves every 30 % of the budget.
     */
    static final Map<String, String> ALGORITHM = Map.of(
            "acceptance", "timed",
            Jsprit.Parameter.THRESHOLD_INI.toString(), "0.03",
            Jsprit.Parameter.THRESHOLD_ALPHA.toString(), "0.3",
            Jsprit.Parameter.FAST_REGRET.toString(), "true",
            Jsprit.Strategy.STRING_BEST.toString(), "1",
            Jsprit.Strategy.STRING_REGRET.toString(), "1");

    private static Map<String, String> overrides(String text) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                overrides.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return overrides;
    }

    private VehicleRoutingProblem jspritProblem() {
        var builder = VehicleRoutingProblem.Builder.newInstance()
                .setFleetSize(VehicleRoutingProblem.FleetSize.FINITE)
                .setRoutingCost(new MatrixCosts());
        Location depot = location(0);
        for (int k = 0; k < problem.kinds().size(); k++) {
            VrpVehicleKind kind = problem.kinds().get(k);
            var typeBuilder = VehicleTypeImpl.Builder.newInstance(kind.id()).setUserData(k)
                    .setFixedCost(problem.routeCost()).setCostPerTransportTime(1).setCostPerDistance(0);
            for (int d = 0; d < kind.capacity().length; d++) {
                typeBuilder.addCapacityDimension(d, kind.capacity()[d]);
            }
            VehicleType type = typeBuilder.build();
            for (int n = 0; n < kind.count(); n++) {
                var vehicle = VehicleImpl.Builder.newInstance(kind.id() + "#" + n).setType(type)
                        .setStartLocation(depot).setReturnToDepot(true)
                        .setEarliestStart(kind.shiftStart()).setLatestArrival(kind.shiftEnd());
                if (endIndex != 0) {
                    vehicle.setEndLocation(location(endIndex));
                }
                builder.addVehicle(vehicle.build());
            }
        }
        for (int i = 0; i < problem.visits().size(); i++) {
            VrpVisit visit = problem.visits().get(i);
            var service = Service.Builder.newInstance(String.valueOf(i)).setLocation(location(i + 1))
                    .setServiceTime(visit.serviceSeconds())
                    .setTimeWindow(TimeWindow.newInstance(visit.windowFrom(), visit.windowTo()));
            for (int d = 0; d < visit.size().length; d++) {
                service.addSizeDimension(d, visit.size()[d]);
            }
            builder.addJob(service.build());
        }
        return builder.build();
    }

    private static Location location(int index) {
        return Location.Builder.newInstance().setIndex(index).setId(String.valueOf(index)).build();
    }

    private VrpSolution solution(VehicleRoutingProblemSolution best) {
        List<VrpRoute> routes = new ArrayList<>();
        for (VehicleRoute route : best.getRoutes()) {
            if (!route.isEmpty()) {
                routes.add(route(route));
            }
        }
        List<String> unassigned = new ArrayList<>();
        for (Job job : best.getUnassignedJobs()) {
            unassigned.add(problem.visits().get(Integer.parseInt(job.getId())).id());
        }
        return new VrpSolution(routes, unassigned, matrix.source());
    }

    private VrpRoute route(VehicleRoute route) {
        int kind = kindIndex.get(route.getVehicle().getType().getTypeId());
        List<VrpStop> stops = new ArrayList<>();
        double meters = 0;
        double driving = 0;
        int previous = 0;
        for (TourActivity activity : route.getActivities()) {
            int index = activity.getLocation().getIndex();
            meters += matrix.meters(previous, index);
            driving += matrix.seconds(kind, previous, index);
            stops.add(new VrpStop(problem.visits().get(index - 1).id(), activity.getArrTime(), activity.getEndTime()));
            previous = index;
        }
        meters += matrix.meters(previous, endIndex);
        driving += matrix.seconds(kind, previous, endIndex);
        return new VrpRoute(problem.kinds().get(kind).id(), stops, route.getStart().getEndTime(),
                route.getEnd().getArrTime(), meters, driving);
    }

    /** Travel time is the cost (plus each route's fixed cost): fewest routes, then least driving. */
    private final class MatrixCosts extends AbstractForwardVehicleRoutingTransportCosts {

        @Override
        public double getDistance(Location from, Location to, double departureTime, Vehicle vehicle) {
            return meters[from.getIndex() * size + to.getIndex()];
        }

        @Override
        public double getTransportTime(Location from, Location to, double departureTime, Driver driver, Vehicle vehicle) {
            return seconds[kind(vehicle)][from.getIndex() * size + to.getIndex()];
        }

        @Override
        public double getTransportCost(Location from, Location to, double departureTime, Driver driver, Vehicle vehicle) {
            return getTransportTime(from, to, departureTime, driver, vehicle);
        }

        private int kind(Vehicle vehicle) {
            return vehicle == null ? 0 : (Integer) vehicle.getType().getUserData();
        }
    }
}
