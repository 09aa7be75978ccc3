package dev.doorstep.dispatch.planning;

import java.util.List;

/**
 * A capacitated VRP with time windows from one depot. {@code routeCost} is what one more route costs in
 * seconds of driving: large to minimise routes first, 0 to minimise travel only. Vehicles end at {@code end}
 * when given (a route re-sequenced from where its driver is, back to the station), else at the depot.
 */
public record VrpProblem(Point depot, List<VrpVisit> visits, List<VrpVehicleKind> kinds, double routeCost, Point end) {

    public VrpProblem {
        visits = List.copyOf(visits);
        kinds = List.copyOf(kinds);
    }

    public VrpProblem(Point depot, List<VrpVisit> visits, List<VrpVehicleKind> kinds, double routeCost) {
        this(depot, visits, kinds, routeCost, null);
    }
}
