package dev.doorstep.dispatch.planning;

import com.graphhopper.jsprit.core.problem.job.Break;
import com.graphhopper.jsprit.core.problem.job.Job;
import com.graphhopper.jsprit.core.problem.solution.SolutionCostCalculator;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.solution.route.activity.BreakActivity;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TourActivity;
import com.graphhopper.jsprit.core.problem.vehicle.Vehicle;

/**
 * The cost of a solution of a plan with rules of its own, as the search compares solutions: each route's fixed
 * cost and travel time as jsprit counts them, a penalty for each visit left out and each break missed, plus the
 * moves off a re-plan's kept routes ({@link KeptStart}) and, for groups kept together ({@link TogetherConstraint}),
 * the penalty of a visit left out for every visit of a group split over routes or partly left out: such a group
 * is not planned at all, so the search has to see it cost what it will cost.
 */
final class PlanObjective implements SolutionCostCalculator {

    /** Travel seconds between two points of the problem for a vehicle, as the solve's cost uses them. */
    interface Legs {
        double seconds(Vehicle vehicle, int from, int to);
    }

    private final Legs legs;
    private final double unassignedPenalty;
    /** Null when the plan keeps no routes, or keeps no group together. */
    private final KeptStart kept;
    private final TogetherConstraint together;

    PlanObjective(VrpProblem problem, Legs legs, double maxLegSeconds, KeptStart kept, TogetherConstraint together) {
        this.legs = legs;
        this.kept = kept;
        this.together = together;
        double moveSeconds = problem.kept() == null ? 0 : problem.kept().moveSeconds();
        this.unassignedPenalty = 10 * (problem.routeCost() + 2 * maxLegSeconds + moveSeconds + 1);
    }

    @Override
    public double getCosts(VehicleRoutingProblemSolution solution) {
        double cost = 0;
        for (VehicleRoute route : solution.getRoutes()) {
            Vehicle vehicle = route.getVehicle();
            cost += vehicle.getType().getVehicleCostParams().fix;
            int previous = route.getStart().getLocation().getIndex();
            boolean breakTaken = false;
            for (TourActivity activity : route.getActivities()) {
                if (activity instanceof BreakActivity) {
                    breakTaken = true;
                    continue;
                }
                int index = activity.getLocation().getIndex();
                cost += legs.seconds(vehicle, previous, index);
                previous = index;
                if (kept != null) {
                    cost += kept.moveCost(((TourActivity.JobActivity) activity).getJob().getId(), vehicle);
                }
            }
            cost += legs.seconds(vehicle, previous, route.getEnd().getLocation().getIndex());
            Break driverBreak = vehicle.getBreak();
            if (driverBreak != null && !breakTaken
                    && route.getEnd().getArrTime() > driverBreak.getTimeWindow().getEnd()) {
                cost += unassignedPenalty;
            }
        }
        for (Job job : solution.getUnassignedJobs()) {
            if (!(job instanceof Break)) {
                cost += unassignedPenalty;
            }
        }
        if (together != null) {
            cost += unassignedPenalty * together.plannedOfBrokenGroups(solution);
        }
        return cost;
    }
}
