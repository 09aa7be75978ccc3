package dev.doorstep.dispatch.planning;

import java.util.List;

/**
 * A capacitated VRP with time windows from one depot. {@code routeCost} is what one more route costs in
 * seconds of driving: large to minimise routes first, 0 to minimise travel only.
 */
public record VrpProblem(Point depot, List<VrpVisit> visits, List<VrpVehicleKind> kinds, double routeCost) {

    public VrpProblem {
        visits = List.copyOf(visits);
        kinds = List.copyOf(kinds);
    }
}
