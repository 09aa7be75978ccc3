package dev.doorstep.bench;

import com.google.ortools.Loader;
import com.google.ortools.constraintsolver.Assignment;
import com.google.ortools.constraintsolver.FirstSolutionStrategy;
import com.google.ortools.constraintsolver.LocalSearchMetaheuristic;
import com.google.ortools.constraintsolver.RoutingDimension;
import com.google.ortools.constraintsolver.RoutingIndexManager;
import com.google.ortools.constraintsolver.RoutingModel;
import com.google.ortools.constraintsolver.RoutingSearchParameters;
import com.google.ortools.constraintsolver.main;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The other engine of the comparison in bench/README.md ("Planner engine"): Google OR-Tools routing on a Solomon
 * instance, the same model as the planner's (distance objective, capacity, hard windows, back at the depot by
 * its due time). OR-Tools wants integers: distances are scaled by {@link #SCALE}, travel times rounded up so
 * that a route it finds feasible is feasible in real numbers (the bench's checker decides).
 */
final class OrToolsVrptw {

    private static final long SCALE = 1000;

    private OrToolsVrptw() {
    }

    static List<List<Integer>> solve(SolomonInstance instance, Duration budget, String metaheuristic) {
        Loader.loadNativeLibraries();
        int nodes = instance.rows().size();
        long[][] cost = new long[nodes][nodes];
        long[][] time = new long[nodes][nodes];
        for (int i = 0; i < nodes; i++) {
            for (int j = 0; j < nodes; j++) {
                double d = instance.distance(i, j) * SCALE;
                cost[i][j] = Math.round(d);
                time[i][j] = (long) Math.ceil(d - 1e-6) + Math.round(instance.rows().get(i)[SolomonInstance.SERVICE] * SCALE);
            }
        }
        RoutingIndexManager manager = new RoutingIndexManager(nodes, instance.vehicles(), 0);
        RoutingModel routing = new RoutingModel(manager);
        int costCallback = routing.registerTransitCallback(
                (from, to) -> cost[manager.indexToNode(from)][manager.indexToNode(to)]);
        routing.setArcCostEvaluatorOfAllVehicles(costCallback);
        int timeCallback = routing.registerTransitCallback(
                (from, to) -> time[manager.indexToNode(from)][manager.indexToNode(to)]);
        long horizon = Math.round(instance.rows().get(0)[SolomonInstance.DUE] * SCALE);
        routing.addDimension(timeCallback, horizon, horizon, false, "time");
        RoutingDimension timeDimension = routing.getDimensionOrDie("time");
        for (int node = 1; node < nodes; node++) {
            double[] row = instance.rows().get(node);
            timeDimension.cumulVar(manager.nodeToIndex(node))
                    .setRange(Math.round(row[SolomonInstance.READY] * SCALE), Math.round(row[SolomonInstance.DUE] * SCALE));
        }
        for (int v = 0; v < instance.vehicles(); v++) {
            timeDimension.cumulVar(routing.start(v)).setRange(Math.round(instance.rows().get(0)[SolomonInstance.READY] * SCALE), horizon);
            timeDimension.cumulVar(routing.end(v)).setRange(0, horizon);
        }
        int demandCallback = routing.registerUnaryTransitCallback(
                index -> (long) instance.rows().get(manager.indexToNode(index))[SolomonInstance.DEMAND]);
        long[] capacities = new long[instance.vehicles()];
        java.util.Arrays.fill(capacities, instance.capacity());
        routing.addDimensionWithVehicleCapacity(demandCallback, 0, capacities, true, "load");
        RoutingSearchParameters parameters = main.defaultRoutingSearchParameters().toBuilder()
                .setFirstSolutionStrategy(FirstSolutionStrategy.Value.PARALLEL_CHEAPEST_INSERTION)
                .setLocalSearchMetaheuristic(LocalSearchMetaheuristic.Value.valueOf(metaheuristic))
                .setTimeLimit(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(budget.toSeconds()).setNanos(budget.toNanosPart()))
                .build();
        Assignment assignment = routing.solveWithParameters(parameters);
        List<List<Integer>> routes = new ArrayList<>();
        if (assignment == null) {
            return routes;
        }
        for (int v = 0; v < instance.vehicles(); v++) {
            List<Integer> route = new ArrayList<>();
            long index = assignment.value(routing.nextVar(routing.start(v)));
            while (!routing.isEnd(index)) {
                route.add(manager.indexToNode(index));
                index = assignment.value(routing.nextVar(index));
            }
            if (!route.isEmpty()) {
                routes.add(route);
            }
        }
        return routes;
    }
}
