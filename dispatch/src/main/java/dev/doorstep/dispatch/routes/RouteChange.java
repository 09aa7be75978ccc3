package dev.doorstep.dispatch.routes;

import java.util.Comparator;
import java.util.List;

/**
 * A decided change of a route: the package added or removed, the stop it joins or leaves (new, or dropped when it was
 * the stop's last package), and the route's stops afterwards.
 */
record RouteChange(Kind kind, Parcel parcel, RouteStop stop, boolean newStop, boolean dropStop,
        List<RouteStop> stops) {

    enum Kind {
        ADDED, REMOVED
    }

    RouteChange {
        stops = List.copyOf(stops);
    }

    boolean added() {
        return kind == Kind.ADDED;
    }

    /** +1 package on the route, or -1. */
    int sign() {
        return added() ? 1 : -1;
    }

    /** Stops reached already, in their order: they keep it. */
    List<RouteStop> reached() {
        return stops.stream().filter(s -> !s.pending()).sorted(Comparator.comparingInt(RouteStop::seq)).toList();
    }

    /** Stops still to visit, to be ordered again. */
    List<RouteStop> open() {
        return stops.stream().filter(RouteStop::pending).toList();
    }

    /** The sequence number of the first stop still to visit: right after the last one reached. */
    int firstOpenSeq() {
        List<RouteStop> reached = reached();
        return reached.isEmpty() ? 0 : reached.get(reached.size() - 1).seq() + 1;
    }
}
