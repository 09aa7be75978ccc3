package dev.doorstep.dispatch.planning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A re-plan of a published day as the solver sees it: the packages still waiting for a route and those on the
 * pending stops of published routes not yet started, grouped into stops together; the published routes as
 * {@link KeptRoutes} to start from; and, once solved, which published route each new route continues.
 */
final class Replan {

    /** What a stop moved to another route costs the solver, in seconds of driving (as {@code bench/run replan}). */
    static final double MOVE_SECONDS = 600;

    /** A package on a pending stop of a published route not yet started: the route, its vehicle type, the stop's place. */
    record KeptPackage(String routeId, String vehicleType, int stopSeq, DuePackage due) {
    }

    private final List<StopDraft> stops;
    private final List<String> routeIds;
    private final List<String> kinds;
    private final List<List<String>> visits;

    private Replan(List<StopDraft> stops, List<String> routeIds, List<String> kinds, List<List<String>> visits) {
        this.stops = stops;
        this.routeIds = routeIds;
        this.kinds = kinds;
        this.visits = visits;
    }

    /** {@code kept} in the order of their routes, then stops, as published. */
    static Replan of(List<DuePackage> waiting, List<KeptPackage> kept) {
        List<DuePackage> all = new ArrayList<>(waiting);
        kept.forEach(p -> all.add(p.due()));
        List<StopDraft> stops = StopGrouping.stops(all);
        Map<String, Integer> visitOf = new HashMap<>();
        for (int i = 0; i < stops.size(); i++) {
            for (DuePackage p : stops.get(i).packages()) {
                visitOf.put(p.trackingId(), i);
            }
        }
        Map<String, List<String>> byRoute = new LinkedHashMap<>();
        Map<String, String> kindOf = new HashMap<>();
        Map<String, String> routeOfVisit = new HashMap<>();
        for (KeptPackage p : kept) {
            String visit = String.valueOf(visitOf.get(p.due().trackingId()));
            kindOf.put(p.routeId(), p.vehicleType());
            List<String> route = byRoute.computeIfAbsent(p.routeId(), id -> new ArrayList<>());
            // A stop merged with one of another route's (same address) stays with the first route that had it.
            if (routeOfVisit.putIfAbsent(visit, p.routeId()) == null) {
                route.add(visit);
            }
        }
        List<String> routeIds = new ArrayList<>(byRoute.keySet());
        return new Replan(stops, routeIds, routeIds.stream().map(kindOf::get).toList(),
                routeIds.stream().map(byRoute::get).toList());
    }

    List<StopDraft> stops() {
        return stops;
    }

    /** The published routes for the solver to start from, each on a vehicle of its own type. */
    KeptRoutes kept() {
        List<KeptRoutes.Route> routes = new ArrayList<>();
        for (int r = 0; r < routeIds.size(); r++) {
            routes.add(new KeptRoutes.Route(kinds.get(r), visits.get(r)));
        }
        return new KeptRoutes(routes, MOVE_SECONDS);
    }

    /** The problem with the published routes to stay close to. */
    VrpProblem problem(DayProblem day) {
        VrpProblem vrp = day.vrp();
        return new VrpProblem(vrp.depot(), vrp.visits(), vrp.kinds(), vrp.routeCost(), vrp.end(), kept());
    }

    /**
     * For each route of the solution, the published route it continues (of the same vehicle type, sharing most
     * stops with it, one to one), or null for a new route.
     */
    List<String> continued(VrpSolution solution) {
        Map<Integer, Integer> partners = RouteChanges.partners(visits, solution.routes());
        List<String> continued = new ArrayList<>();
        for (int n = 0; n < solution.routes().size(); n++) {
            Integer old = partners.get(n);
            boolean sameKind = old != null && kinds.get(old).equals(solution.routes().get(n).kindId());
            continued.add(sameKind ? routeIds.get(old) : null);
        }
        return continued;
    }

    /** Stops of published routes that the solution put on a route not continuing theirs, or left out. */
    int moved(VrpSolution solution) {
        List<String> continued = continued(solution);
        Map<String, String> routeNow = new HashMap<>();
        for (int n = 0; n < solution.routes().size(); n++) {
            for (VrpStop stop : solution.routes().get(n).stops()) {
                routeNow.put(stop.visitId(), continued.get(n));
            }
        }
        int moved = 0;
        for (int r = 0; r < routeIds.size(); r++) {
            for (String visit : visits.get(r)) {
                if (!routeIds.get(r).equals(routeNow.get(visit))) {
                    moved++;
                }
            }
        }
        return moved;
    }
}
