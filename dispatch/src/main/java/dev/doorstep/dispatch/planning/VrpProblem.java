package dev.doorstep.dispatch.planning;

import java.util.List;

/**
 * A capacitated VRP with time windows from one depot. {@code routeCost} is what one more route costs in
 * seconds of driving: large to minimise routes first, 0 to minimise travel only. Vehicles end at {@code end}
 * when given (a route re-sequenced from where its driver is, back to the station), else at the depot.
 * {@code kept}: the routes of a published plan to stay close to (a re-plan), else null.
 */
public record VrpProblem(Point depot, List<VrpVisit> visits, List<VrpVehicleKind> kinds, double routeCost, Point end,
        KeptRoutes kept) {

    public VrpProblem {
        visits = List.copyOf(visits);
        kinds = List.copyOf(kinds);
    }

    public VrpProblem(Point depot, List<VrpVisit> visits, List<VrpVehicleKind> kinds, double routeCost, Point end) {
        this(depot, visits, kinds, routeCost, end, null);
    }

    public VrpProblem(Point depot, List<VrpVisit> visits, List<VrpVehicleKind> kinds, double routeCost) {
        this(depot, visits, kinds, routeCost, null, null);
    }

    /** The same problem with these visits and vehicles (a part of it). */
    public VrpProblem part(List<VrpVisit> visits, List<VrpVehicleKind> kinds) {
        return new VrpProblem(depot, visits, kinds, routeCost, end, kept);
    }
}
