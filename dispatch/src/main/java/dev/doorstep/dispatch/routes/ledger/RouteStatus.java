package dev.doorstep.dispatch.routes.ledger;

import java.util.Map;
import java.util.Set;

/** A route's states and the only moves between them. */
public enum RouteStatus {
    PLANNED, ASSIGNED, IN_PROGRESS, FINISHED, CANCELLED;

    private static final Map<RouteStatus, Set<RouteStatus>> MOVES = Map.of(
            PLANNED, Set.of(ASSIGNED, CANCELLED),
            ASSIGNED, Set.of(ASSIGNED, IN_PROGRESS, CANCELLED),
            IN_PROGRESS, Set.of(FINISHED),
            FINISHED, Set.of(),
            CANCELLED, Set.of());

    public boolean canMoveTo(RouteStatus next) {
        return MOVES.get(this).contains(next);
    }
}
