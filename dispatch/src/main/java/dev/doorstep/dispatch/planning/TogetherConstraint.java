package dev.doorstep.dispatch.planning;

import com.graphhopper.jsprit.core.algorithm.recreate.InsertionData;
import com.graphhopper.jsprit.core.algorithm.recreate.listener.InsertionStartsListener;
import com.graphhopper.jsprit.core.algorithm.recreate.listener.JobInsertedListener;
import com.graphhopper.jsprit.core.algorithm.ruin.listener.RuinListener;
import com.graphhopper.jsprit.core.problem.constraint.HardRouteConstraint;
import com.graphhopper.jsprit.core.problem.job.Job;
import com.graphhopper.jsprit.core.problem.misc.JobInsertionContext;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TourActivity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jobs of one group go on one route: a job may join a route only if no other job of its group is on another
 * route. Follows where every job is through ruin and recreate (jsprit tells its insertion listeners).
 */
final class TogetherConstraint implements HardRouteConstraint, InsertionStartsListener, JobInsertedListener, RuinListener {

    /** Job id to its group's job ids (itself included); jobs without a group are absent. */
    private final Map<String, List<String>> groups;
    private final Map<String, VehicleRoute> routeOf = new ConcurrentHashMap<>();

    private TogetherConstraint(Map<String, List<String>> groups) {
        this.groups = groups;
    }

    /** The constraint for these visits (job id i is visit i), or null when no visit has a group. */
    static TogetherConstraint of(List<VrpVisit> visits) {
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (int i = 0; i < visits.size(); i++) {
            if (visits.get(i).group() != null) {
                members.computeIfAbsent(visits.get(i).group(), g -> new ArrayList<>()).add(String.valueOf(i));
            }
        }
        Map<String, List<String>> groups = new HashMap<>();
        for (List<String> group : members.values()) {
            if (group.size() > 1) {
                group.forEach(job -> groups.put(job, List.copyOf(group)));
            }
        }
        return groups.isEmpty() ? null : new TogetherConstraint(groups);
    }

    @Override
    public boolean fulfilled(JobInsertionContext context) {
        List<String> group = groups.get(context.getJob().getId());
        if (group == null) {
            return true;
        }
        for (String other : group) {
            VehicleRoute route = routeOf.get(other);
            if (route != null && route != context.getRoute()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void informInsertionStarts(Collection<VehicleRoute> routes, Collection<Job> unassigned) {
        routeOf.clear();
        for (VehicleRoute route : routes) {
            for (TourActivity activity : route.getActivities()) {
                if (activity instanceof TourActivity.JobActivity job && groups.containsKey(job.getJob().getId())) {
                    routeOf.put(job.getJob().getId(), route);
                }
            }
        }
    }

    @Override
    public void informJobInserted(Job job, VehicleRoute route, InsertionData data) {
        if (groups.containsKey(job.getId())) {
            routeOf.put(job.getId(), route);
        }
    }

    @Override
    public void removed(Job job, VehicleRoute fromRoute) {
        routeOf.remove(job.getId());
    }

    @Override
    public void ruinStarts(Collection<VehicleRoute> routes) {
    }

    @Override
    public void ruinEnds(Collection<VehicleRoute> routes, Collection<Job> unassigned) {
    }

    /**
     * Job ids of groups the solution split over routes or left partly unassigned: such a group is not planned. The
     * search prices them ({@link #plannedOfBrokenGroups}), and the result is checked all the same.
     */
    Set<String> splitJobs(VehicleRoutingProblemSolution solution) {
        Set<String> split = new HashSet<>();
        brokenGroups(solution, (group, where) -> split.addAll(group));
        return split;
    }

    /** How many visits a solution has on routes that belong to groups it split or left partly unassigned. */
    int plannedOfBrokenGroups(VehicleRoutingProblemSolution solution) {
        int[] planned = {0};
        brokenGroups(solution, (group, where) -> group.forEach(job -> planned[0] += where.containsKey(job) ? 1 : 0));
        return planned[0];
    }

    private void brokenGroups(VehicleRoutingProblemSolution solution,
            java.util.function.BiConsumer<List<String>, Map<String, VehicleRoute>> broken) {
        Map<String, VehicleRoute> where = new HashMap<>();
        for (VehicleRoute route : solution.getRoutes()) {
            for (TourActivity activity : route.getActivities()) {
                if (activity instanceof TourActivity.JobActivity job && groups.containsKey(job.getJob().getId())) {
                    where.put(job.getJob().getId(), route);
                }
            }
        }
        Set<List<String>> seen = new HashSet<>();
        for (List<String> group : groups.values()) {
            if (seen.add(group) && group.stream().map(where::get).distinct().count() > 1) {
                broken.accept(group, where);
            }
        }
    }
}
