package dev.doorstep.dispatch.planning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many visits of earlier routes changed route in a new solution. New routes are paired one to one with earlier
 * routes, the pairs sharing most visits first; a visit moved when its new route is not the partner of its old one
 * (or it is no longer planned). Independent of how the solver numbers its vehicles.
 */
public final class RouteChanges {

    private RouteChanges() {
    }

    /** {@code before}: each earlier route's visit ids. Visits only in {@code after} are not counted. */
    public static int moved(List<List<String>> before, List<VrpRoute> after) {
        Map<String, Integer> oldRoute = oldRoutes(before);
        Map<String, Integer> newRoute = new HashMap<>();
        for (int n = 0; n < after.size(); n++) {
            for (VrpStop stop : after.get(n).stops()) {
                newRoute.put(stop.visitId(), n);
            }
        }
        Map<Integer, Integer> partner = partners(before, after);
        int moved = 0;
        for (Map.Entry<String, Integer> visit : oldRoute.entrySet()) {
            Integer now = newRoute.get(visit.getKey());
            if (now == null || !visit.getValue().equals(partner.get(now))) {
                moved++;
            }
        }
        return moved;
    }

    /**
     * Each new route's earlier partner (index in {@code after} to index in {@code before}), one to one, the pairs
     * sharing most visits first; a new route sharing no visit with an earlier route left has none.
     */
    public static Map<Integer, Integer> partners(List<List<String>> before, List<VrpRoute> after) {
        Map<String, Integer> oldRoute = oldRoutes(before);
        List<long[]> pairs = new ArrayList<>(); // shared, new route, old route
        for (int n = 0; n < after.size(); n++) {
            Map<Integer, Integer> shared = new HashMap<>();
            for (VrpStop stop : after.get(n).stops()) {
                Integer old = oldRoute.get(stop.visitId());
                if (old != null) {
                    shared.merge(old, 1, Integer::sum);
                }
            }
            for (Map.Entry<Integer, Integer> e : shared.entrySet()) {
                pairs.add(new long[] {e.getValue(), n, e.getKey()});
            }
        }
        pairs.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0])
                : a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));
        Map<Integer, Integer> partner = new HashMap<>();
        Set<Integer> taken = new HashSet<>();
        for (long[] pair : pairs) {
            if (!partner.containsKey((int) pair[1]) && taken.add((int) pair[2])) {
                partner.put((int) pair[1], (int) pair[2]);
            }
        }
        return partner;
    }

    private static Map<String, Integer> oldRoutes(List<List<String>> before) {
        Map<String, Integer> oldRoute = new HashMap<>();
        for (int r = 0; r < before.size(); r++) {
            for (String visit : before.get(r)) {
                oldRoute.put(visit, r);
            }
        }
        return oldRoute;
    }

    /** The solution's routes as a re-plan keeps them. */
    public static KeptRoutes kept(VrpSolution solution, double moveSeconds) {
        return new KeptRoutes(solution.routes().stream()
                .map(route -> new KeptRoutes.Route(route.kindId(), route.stops().stream().map(VrpStop::visitId).toList()))
                .toList(), moveSeconds);
    }
}
