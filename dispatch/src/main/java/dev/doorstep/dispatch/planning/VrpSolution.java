package dev.doorstep.dispatch.planning;

import java.util.List;

/** The routes found, and the visits no route could take (for lack of vehicles or time). */
public record VrpSolution(List<VrpRoute> routes, List<String> unassigned, String travelSource) {

    public VrpSolution {
        routes = List.copyOf(routes);
        unassigned = List.copyOf(unassigned);
    }

    public double meters() {
        return routes.stream().mapToDouble(VrpRoute::meters).sum();
    }
}
