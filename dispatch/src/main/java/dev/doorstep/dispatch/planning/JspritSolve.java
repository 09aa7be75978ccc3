package dev.doorstep.dispatch.planning;

import com.graphhopper.jsprit.core.algorithm.VehicleRoutingAlgorithm;
import com.graphhopper.jsprit.core.algorithm.box.Jsprit;
import com.graphhopper.jsprit.core.algorithm.VehicleRoutingAlgorithm;
import com.graphhopper.jsprit.core.algorithm.state.StateManager;
import com.graphhopper.jsprit.core.problem.constraint.ConstraintManager;
import com.graphhopper.jsprit.core.problem.constraint.HardRouteConstraint;
import com.graphhopper.jsprit.core.problem.constraint.SoftRouteConstraint;
import com.graphhopper.jsprit.core.problem.job.Break;
import com.graphhopper.jsprit.core.problem.solution.route.activity.BreakActivity;
import java.util.Set;
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
import java.util.LinkedHashSet;
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
    /** The plan's own constraints for this run, null when it has none. */
    private TogetherConstraint together;
    private KeptStart kept;
    /** The cost jsprit compares solutions by when the plan has rules of its own (else jsprit's own). */
    private PlanObjective objective;
    private boolean cheapStart;
    private List<VrpRoute> startRoutes;
    private LocalSearchModule localSearch;

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
        VehicleRoutingAlgorithm algorithm = algorithm(vrp, budget, threads,
                builder -> cheapStart(constrained(builder, vrp)));
        if (localSearch != null) {
            localSearch.attach(algorithm);
        }
        listening(algorithm, vrp);
        startFromRoutes(vrp, algorithm);
        return solution(Solutions.bestOf(algorithm.searchSolutions()));
    }

    static VehicleRoutingAlgorithm algorithm(VehicleRoutingProblem vrp, Duration budget, int threads) {
        return algorithm(vrp, budget, threads, builder -> builder);
    }

    /**
     * The search: jsprit's ruin and recreate with the strategy weights of {@link #ALGORITHM} and a threshold
     * acceptance that cools down over the time budget, stopped by time. Chosen by measurement on the Solomon and
     * Gehring-Homberger instances (bench/README.md, "Planner engine"). The system property
     * {@code doorstep.planner.jsprit} ({@code key=value,...}) overrides single settings: for the bench only.
     */
    static VehicleRoutingAlgorithm algorithm(VehicleRoutingProblem vrp, Duration budget, int threads,
            java.util.function.UnaryOperator<Jsprit.Builder> plan) {
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
            if (!Set.of("acceptance", "iterations", "clock", "localsearch").contains(key)) {
                builder.setProperty(key, value);
            }
        });
        // The plan's own rules (constraints, first solution) on top of the search's settings.
        VehicleRoutingAlgorithm algorithm = plan.apply(builder).buildAlgorithm();
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

    /**
     * For the parts of a split problem (see {@link VrpSolver}): the first solution by best insertion, about as many
     * times cheaper than jsprit's default regret insertion as there are visits, so that it fits a short share of the
     * budget on a loaded machine.
     */
    JspritSolve withCheapStart() {
        cheapStart = true;
        return this;
    }

    /** Searches from these routes (of this problem's visits, on its kinds) instead of building a first solution. */
    JspritSolve startingFrom(List<VrpRoute> routes) {
        startRoutes = List.copyOf(routes);
        return this;
    }

    private Jsprit.Builder cheapStart(Jsprit.Builder builder) {
        return cheapStart ? builder.setProperty(Jsprit.Parameter.CONSTRUCTION, Jsprit.Construction.BEST_INSERTION.toString())
                : builder;
    }

    private void startFromRoutes(VehicleRoutingProblem vrp, VehicleRoutingAlgorithm algorithm) {
        if (startRoutes == null) {
            return;
        }
        Map<String, Integer> visitIndex = new HashMap<>();
        for (int i = 0; i < problem.visits().size(); i++) {
            visitIndex.put(problem.visits().get(i).id(), i);
        }
        Map<String, List<Vehicle>> free = new HashMap<>();
        vrp.getVehicles().forEach(vehicle -> free.computeIfAbsent(vehicle.getType().getTypeId(), k -> new ArrayList<>())
                .add(vehicle));
        List<VehicleRoute> routes = new ArrayList<>();
        java.util.Set<Job> assigned = new java.util.HashSet<>();
        double cost = 0;
        for (VrpRoute route : startRoutes) {
            var builder = VehicleRoute.Builder.newInstance(free.get(route.kindId()).remove(0))
                    .setJobActivityFactory(vrp.getJobActivityFactory());
            for (VrpStop stop : route.stops()) {
                Job job = vrp.getJobs().get(String.valueOf(visitIndex.get(stop.visitId())));
                builder.addService((Service) job);
                assigned.add(job);
            }
            routes.add(builder.build());
            cost += problem.routeCost() + route.drivingSeconds();
        }
        List<Job> unassigned = vrp.getJobs().values().stream().filter(job -> !assigned.contains(job)).toList();
        // Left-out visits cost more than any route, as in jsprit's own objective.
        cost += unassigned.size() * (problem.routeCost() + 86_400.0);
        VehicleRoutingProblemSolution start = new VehicleRoutingProblemSolution(routes, unassigned, cost);
        if (objective != null) {
            start.setCost(objective.getCosts(start));
        }
        algorithm.addInitialSolution(start);
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
                if (kind.driverBreak() != null) {
                    vehicle.setBreak(driverBreak(kind, n));
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

    /** The driver's break as jsprit schedules it: at wherever the vehicle is, starting within its window. */
    private static Break driverBreak(VrpVehicleKind kind, int n) {
        return Break.Builder.newInstance("break:" + kind.id() + "#" + n)
                .setTimeWindow(TimeWindow.newInstance(kind.driverBreak().earliest(), kind.driverBreak().latest()))
                .setServiceTime(kind.driverBreak().seconds()).build();
    }

    /** Adds the plan's own rules to jsprit's: visits kept together on one route, a re-plan's kept routes. */
    private Jsprit.Builder constrained(Jsprit.Builder builder, VehicleRoutingProblem vrp) {
        together = TogetherConstraint.of(problem.visits());
        PlanObjective.Legs legs = (vehicle, from, to) -> seconds[(Integer) vehicle.getType().getUserData()][from * size + to];
        kept = problem.kept() == null ? null : new KeptStart(problem, legs);
        // A local search after each ruin and recreate, on problems with no rules beyond windows and capacity.
        boolean search = LocalSearchModule.applies(problem) && !"false".equals(overrides(
                System.getProperty("doorstep.planner.jsprit", "")).get("localsearch"));
        if (together == null && kept == null && !search) {
            return builder;
        }
        StateManager states = new StateManager(vrp);
        ConstraintManager constraints = new ConstraintManager(vrp, states);
        if (search) {
            localSearch = new LocalSearchModule(vrp, states, new RouteLocalSearch(problem, seconds, size, endIndex, 1));
        }
        if (together != null) {
            constraints.addConstraint((HardRouteConstraint) together);
        }
        if (kept != null) {
            constraints.addConstraint((SoftRouteConstraint) kept);
        }
        if (together != null || kept != null) {
            objective = new PlanObjective(problem, legs, maxLeg(), kept, together);
            builder.setObjectiveFunction(objective);
        }
        return builder.setStateAndConstraintManager(states, constraints);
    }

    private void listening(VehicleRoutingAlgorithm algorithm, VehicleRoutingProblem vrp) {
        if (together != null) {
            algorithm.addListener(together);
        }
        if (kept != null) {
            algorithm.addInitialSolution(kept.initialSolution(vrp, endIndex, objective));
        }
    }

    private double maxLeg() {
        double max = 0;
        for (double[] kind : seconds) {
            for (double value : kind) {
                max = Math.max(max, value);
            }
        }
        return max;
    }

    private static Location location(int index) {
        return Location.Builder.newInstance().setIndex(index).setId(String.valueOf(index)).build();
    }

    private VrpSolution solution(VehicleRoutingProblemSolution best) {
        Set<String> split = together == null ? Set.of() : together.splitJobs(best);
        List<VrpRoute> routes = new ArrayList<>();
        for (VehicleRoute route : best.getRoutes()) {
            VrpRoute planned = route(route, split);
            if (!planned.stops().isEmpty()) {
                routes.add(planned);
            }
        }
        Set<String> unassigned = new LinkedHashSet<>();
        for (Job job : best.getUnassignedJobs()) {
            if (!(job instanceof Break)) {
                unassigned.add(problem.visits().get(Integer.parseInt(job.getId())).id());
            }
        }
        split.forEach(job -> unassigned.add(problem.visits().get(Integer.parseInt(job)).id()));
        return new VrpSolution(routes, List.copyOf(unassigned), matrix.source());
    }

    private VrpRoute route(VehicleRoute route, Set<String> dropped) {
        int kind = kindIndex.get(route.getVehicle().getType().getTypeId());
        List<VrpStop> stops = new ArrayList<>();
        double meters = 0;
        double driving = 0;
        int previous = 0;
        double breakStart = Double.NaN;
        double breakEnd = Double.NaN;
        for (TourActivity activity : route.getActivities()) {
            if (activity instanceof BreakActivity) {
                breakStart = Math.max(activity.getArrTime(), activity.getTheoreticalEarliestOperationStartTime());
                breakEnd = activity.getEndTime();
                continue;
            }
            if (dropped.contains(((TourActivity.JobActivity) activity).getJob().getId())) {
                continue;
            }
            int index = activity.getLocation().getIndex();
            meters += matrix.meters(previous, index);
            driving += matrix.seconds(kind, previous, index);
            stops.add(new VrpStop(problem.visits().get(index - 1).id(), activity.getArrTime(), activity.getEndTime()));
            previous = index;
        }
        meters += matrix.meters(previous, endIndex);
        driving += matrix.seconds(kind, previous, endIndex);
        return new VrpRoute(problem.kinds().get(kind).id(), stops, route.getStart().getEndTime(),
                route.getEnd().getArrTime(), meters, driving, breakStart, breakEnd);
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
