package dev.doorstep.dispatch.planning;

import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.constraint.SoftRouteConstraint;
import com.graphhopper.jsprit.core.problem.job.Job;
import com.graphhopper.jsprit.core.problem.job.Service;
import com.graphhopper.jsprit.core.problem.misc.JobInsertionContext;
import com.graphhopper.jsprit.core.problem.solution.SolutionCostCalculator;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.vehicle.Vehicle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A re-plan that stays close to published routes: jsprit starts from them (each on a vehicle of its kind, the
 * visits it can no longer serve in time left for the search to place), and moving a visit to another vehicle costs
 * {@link KeptRoutes#moveSeconds()} both when jsprit weighs an insertion and in the cost of a solution
 * ({@link PlanObjective}).
 */
final class KeptStart implements SoftRouteConstraint {

    /** Job id to the id of the vehicle its kept route is on. */
    private final Map<String, String> keptVehicle = new HashMap<>();
    private final VrpProblem problem;
    private final PlanObjective.Legs legs;
    private final double moveSeconds;

    KeptStart(VrpProblem problem, PlanObjective.Legs legs) {
        this.problem = problem;
        this.legs = legs;
        this.moveSeconds = problem.kept().moveSeconds();
    }

    /** The kept routes as jsprit's first solution on these vehicles; records which vehicle each visit was on. */
    VehicleRoutingProblemSolution initialSolution(VehicleRoutingProblem vrp, int endIndex, SolutionCostCalculator objective) {
        Map<String, Integer> visitIndex = new HashMap<>();
        for (int i = 0; i < problem.visits().size(); i++) {
            visitIndex.put(problem.visits().get(i).id(), i);
        }
        Map<String, Integer> used = new HashMap<>();
        Set<String> placed = new HashSet<>();
        List<VehicleRoute> routes = new ArrayList<>();
        for (KeptRoutes.Route kept : problem.kept().routes()) {
            int n = used.merge(kept.kindId(), 1, Integer::sum) - 1;
            Vehicle vehicle = vrp.getVehicles().stream().filter(v -> v.getId().equals(kept.kindId() + "#" + n))
                    .findFirst().orElse(null);
            if (vehicle == null) {
                continue;
            }
            List<Service> feasible = feasiblePrefix(vrp, vehicle, kept, visitIndex, endIndex);
            var route = VehicleRoute.Builder.newInstance(vehicle).setJobActivityFactory(vrp.getJobActivityFactory());
            feasible.forEach(service -> {
                route.addService(service);
                placed.add(service.getId());
            });
            kept.visitIds().stream().filter(visitIndex::containsKey)
                    .forEach(id -> keptVehicle.put(String.valueOf(visitIndex.get(id)), vehicle.getId()));
            if (!feasible.isEmpty()) {
                routes.add(route.build());
            }
        }
        List<Job> unassigned = vrp.getJobs().values().stream().filter(job -> !placed.contains(job.getId())).toList();
        VehicleRoutingProblemSolution solution = new VehicleRoutingProblemSolution(routes, unassigned, 0);
        solution.setCost(objective.getCosts(solution));
        return solution;
    }

    /** The kept visits in order that the vehicle still serves in time and capacity; the others are dropped. */
    private List<Service> feasiblePrefix(VehicleRoutingProblem vrp, Vehicle vehicle, KeptRoutes.Route kept,
            Map<String, Integer> visitIndex, int endIndex) {
        List<Service> feasible = new ArrayList<>();
        double time = vehicle.getEarliestDeparture();
        int at = 0;
        int[] load = new int[vehicle.getType().getCapacityDimensions().getNuOfDimensions()];
        for (String visitId : kept.visitIds()) {
            Integer index = visitIndex.get(visitId);
            if (index == null) {
                continue;
            }
            VrpVisit visit = problem.visits().get(index);
            double arrival = time + legs.seconds(vehicle, at, index + 1);
            double departure = Math.max(arrival, visit.windowFrom()) + visit.serviceSeconds();
            boolean fits = arrival <= visit.windowTo()
                    && departure + legs.seconds(vehicle, index + 1, endIndex) <= vehicle.getLatestArrival();
            for (int d = 0; fits && d < visit.size().length && d < load.length; d++) {
                fits = load[d] + visit.size()[d] <= vehicle.getType().getCapacityDimensions().get(d);
            }
            if (fits) {
                for (int d = 0; d < visit.size().length && d < load.length; d++) {
                    load[d] += visit.size()[d];
                }
                feasible.add((Service) vrp.getJobs().get(String.valueOf(index)));
                time = departure;
                at = index + 1;
            }
        }
        return feasible;
    }

    @Override
    public double getCosts(JobInsertionContext context) {
        return moveCost(context.getJob().getId(), context.getNewVehicle());
    }

    /** What serving this job on this vehicle adds to a solution's cost: a move, when it was kept on another. */
    double moveCost(String jobId, Vehicle vehicle) {
        String kept = keptVehicle.get(jobId);
        return kept == null || kept.equals(vehicle.getId()) ? 0 : moveSeconds;
    }
}
