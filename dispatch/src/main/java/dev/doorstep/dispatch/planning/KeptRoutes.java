package dev.doorstep.dispatch.planning;

import java.util.List;

/**
 * Routes a re-plan starts from and stays close to: each as its vehicle kind and its visit ids in order. Moving a
 * visit off its route costs {@code moveSeconds}, as that much more driving would.
 */
public record KeptRoutes(List<Route> routes, double moveSeconds) {

    public KeptRoutes {
        routes = List.copyOf(routes);
    }

    public record Route(String kindId, List<String> visitIds) {

        public Route {
            visitIds = List.copyOf(visitIds);
        }
    }
}
