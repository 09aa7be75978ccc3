package dev.doorstep.dispatch.planning;

import com.graphhopper.jsprit.core.algorithm.SearchStrategy;
import com.graphhopper.jsprit.core.algorithm.SearchStrategyModule;
import com.graphhopper.jsprit.core.algorithm.VehicleRoutingAlgorithm;
import com.graphhopper.jsprit.core.algorithm.listener.SearchStrategyModuleListener;
import com.graphhopper.jsprit.core.algorithm.state.StateManager;
import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.job.Service;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TourActivity;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link RouteLocalSearch} after each ruin and recreate of jsprit's search: the recreated solution is brought to
 * a local optimum before jsprit's acceptance sees it. Only for problems without the plan's own rules (breaks,
 * visits kept together, kept routes): {@link #applies} says when.
 */
final class LocalSearchModule implements SearchStrategyModule {

    private final VehicleRoutingProblem vrp;
    private final StateManager states;
    private final RouteLocalSearch search;

    LocalSearchModule(VehicleRoutingProblem vrp, StateManager states, RouteLocalSearch search) {
        this.vrp = vrp;
        this.states = states;
        this.search = search;
    }

    /** Whether the search's rules are all of the problem's: windows, capacity, shifts, travel per kind. */
    static boolean applies(VrpProblem problem) {
        return problem.kept() == null && TogetherConstraint.of(problem.visits()) == null
                && problem.kinds().stream().allMatch(kind -> kind.driverBreak() == null);
    }

    /** Adds the module after the ruin and recreate of every strategy of the algorithm. */
    void attach(VehicleRoutingAlgorithm algorithm) {
        for (SearchStrategy strategy : algorithm.getSearchStrategyManager().getStrategies()) {
            strategy.addModule(this);
        }
    }

    @Override
    public VehicleRoutingProblemSolution runAndGetSolution(VehicleRoutingProblemSolution solution) {
        List<VehicleRoute> before = new ArrayList<>(solution.getRoutes());
        int[][] routes = new int[before.size()][];
        int[] kinds = new int[before.size()];
        for (int r = 0; r < before.size(); r++) {
            VehicleRoute route = before.get(r);
            kinds[r] = (Integer) route.getVehicle().getType().getUserData();
            List<TourActivity> activities = route.getActivities();
            routes[r] = new int[activities.size()];
            for (int i = 0; i < activities.size(); i++) {
                TourActivity activity = activities.get(i);
                if (!(activity instanceof TourActivity.JobActivity job) || !(job.getJob() instanceof Service)) {
                    return solution;
                }
                routes[r][i] = activity.getLocation().getIndex();
            }
        }
        int[][] after = search.improve(kinds, routes);
        List<VehicleRoute> improved = new ArrayList<>();
        for (int r = 0; r < after.length; r++) {
            if (java.util.Arrays.equals(after[r], routes[r])) {
                improved.add(before.get(r));
                continue;
            }
            if (after[r].length == 0) {
                continue;
            }
            var builder = VehicleRoute.Builder.newInstance(before.get(r).getVehicle())
                    .setJobActivityFactory(vrp.getJobActivityFactory());
            for (int node : after[r]) {
                builder.addService((Service) vrp.getJobs().get(String.valueOf(node - 1)));
            }
            VehicleRoute route = builder.build();
            states.reCalculateStates(route);
            improved.add(route);
        }
        return new VehicleRoutingProblemSolution(improved, solution.getUnassignedJobs(), solution.getCost());
    }

    @Override
    public String getName() {
        return "localSearch";
    }

    @Override
    public void addModuleListener(SearchStrategyModuleListener listener) {
        // no module events
    }
}
