package dev.doorstep.dispatch.routes;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.DomainError;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.errors.Rejected;
import dev.doorstep.dispatch.packages.PackageKind;
import dev.doorstep.dispatch.packages.PackageTransition;
import dev.doorstep.dispatch.planning.Resequenced;
import dev.doorstep.dispatch.routes.ledger.RouteStatus;
import dev.doorstep.dispatch.routes.ledger.StopStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What station ops may change on a published route, and how the stops change, without the database: which routes
 * can change, which packages may join or leave, which stop a package joins (a pending stop at its place whose window
 * allows it, narrowed to both windows) or a new stop, when a stop goes, and when the new order starts.
 */
final class RouteChangeRules {

    private static final Set<RouteStatus> CHANGEABLE = Set.of(RouteStatus.PLANNED, RouteStatus.ASSIGNED,
            RouteStatus.IN_PROGRESS);

    private RouteChangeRules() {
    }

    /** Only a route of a published plan that is not over yet can take or lose packages. */
    static Optional<DomainError> routeRefuses(RouteHead route) {
        if (!"PUBLISHED".equals(route.planStatus())) {
            return Optional.of(new Conflict("ROUTE_NOT_PUBLISHED", "Route " + route.id()
                    + " belongs to a plan not published yet; re-run or publish the plan instead"));
        }
        if (!CHANGEABLE.contains(route.status())) {
            return Optional.of(new Conflict("ILLEGAL_TRANSITION", "Route " + route.id() + " is " + route.status()
                    + "; only a route not yet over can take or lose packages"));
        }
        return Optional.empty();
    }

    /** The move a package joining this route makes: out for delivery at once when the route is under way. */
    static PackageTransition joining(RouteHead route) {
        return route.status() == RouteStatus.IN_PROGRESS ? PackageTransition.JOIN_ROUTE_UNDER_WAY
                : PackageTransition.JOIN_ROUTE;
    }

    /** A delivery of the route's station, waiting at the station, that the van can still carry. */
    static Optional<DomainError> cannotAdd(RouteHead route, Parcel p) {
        if (!p.stationId().equals(route.stationId())) {
            return Optional.of(new Rejected("OTHER_STATION", "Package " + p.trackingId() + " belongs to station "
                    + p.stationId() + ", not to this route's station " + route.stationId()));
        }
        if (p.kind() != PackageKind.DELIVERY || !joining(route).startsFrom(p.status())) {
            return Optional.of(new Conflict("PACKAGE_NOT_AVAILABLE", "Package " + p.trackingId() + " is "
                    + p.status() + "; only a delivery MANIFESTED, AT_STATION or RETURNED_TO_STATION can join a route"));
        }
        if (!route.vanTakes(p)) {
            return Optional.of(new Conflict("VAN_TOO_SMALL", "The van on route " + route.id()
                    + " cannot carry package " + p.trackingId() + " on top of its load"));
        }
        return Optional.empty();
    }

    /** The package joins a pending stop at its place whose window overlaps its own, or a new stop {@code newStopId}. */
    static RouteChange added(List<RouteStop> stops, Parcel p, String newStopId) {
        String place = RouteStop.place(p.address(), p.lat(), p.lon());
        RouteStop joined = stops.stream().filter(s -> s.pending() && s.place().equals(place) && s.overlaps(p))
                .findFirst().orElse(null);
        List<RouteStop> next = new ArrayList<>(stops);
        if (joined == null) {
            RouteStop created = new RouteStop(newStopId, -1, StopStatus.PENDING, p.address().strip(), p.lat(), p.lon(),
                    p.from(), p.to(), null, 1);
            next.add(created);
            return new RouteChange(RouteChange.Kind.ADDED, p, created, true, false, next);
        }
        RouteStop target = joined.with(later(joined.from(), p.from()), earlier(joined.to(), p.to()),
                joined.packages() + 1);
        next.set(next.indexOf(joined), target);
        return new RouteChange(RouteChange.Kind.ADDED, p, target, false, false, next);
    }

    /**
     * A package on one of these stops, not yet at the door, leaves; its stop goes when the stop is pending and the
     * package was its last one. Throws NotFound or Conflict when it cannot.
     */
    static RouteChange removed(List<RouteStop> stops, Parcel p) {
        RouteStop stop = stops.stream().filter(s -> s.id().equals(p.stopId())).findFirst()
                .orElseThrow(() -> new NotFound("package", p.trackingId()));
        if (!PackageTransition.LEAVE_ROUTE.startsFrom(p.status())) {
            throw new Conflict("PACKAGE_NOT_REMOVABLE", "Package " + p.trackingId() + " is " + p.status()
                    + "; only a PLANNED or OUT_FOR_DELIVERY package can be taken off its route");
        }
        List<RouteStop> next = new ArrayList<>(stops);
        boolean drop = stop.pending() && stop.packages() == 1;
        RouteStop target = stop.with(stop.from(), stop.to(), stop.packages() - 1);
        if (drop) {
            next.remove(stop);
        } else {
            next.set(next.indexOf(stop), target);
        }
        return new RouteChange(RouteChange.Kind.REMOVED, p, target, false, drop, next);
    }

    /**
     * When the new order starts: from the last stop reached (or the station at the planned start), but never in the
     * past of a route under way.
     */
    static Instant departAt(RouteHead route, List<RouteStop> reached, Instant now) {
        Instant departAt = reached.isEmpty() ? route.plannedStart()
                : reached.get(reached.size() - 1).departure().toInstant();
        return route.status() == RouteStatus.IN_PROGRESS && now.isAfter(departAt) ? now : departAt;
    }

    /** A stop still to visit with its place in the new order, its window and its planned times. */
    record StopTiming(String id, int seq, OffsetDateTime from, OffsetDateTime to, OffsetDateTime arrival,
            OffsetDateTime departure) {
    }

    /** The open stops in the solved order, numbered on from the last stop reached. */
    static List<StopTiming> timings(RouteChange change, Resequenced order) {
        Map<String, RouteStop> open = new HashMap<>();
        change.open().forEach(s -> open.put(s.id(), s));
        int firstSeq = change.firstOpenSeq();
        List<StopTiming> timings = new ArrayList<>();
        for (Resequenced.TimedStop timed : order.stops()) {
            RouteStop stop = open.get(timed.id());
            timings.add(new StopTiming(timed.id(), firstSeq + timings.size(), stop.from(), stop.to(),
                    utc(timed.arrival()), utc(timed.departure())));
        }
        return timings;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static OffsetDateTime earlier(OffsetDateTime a, OffsetDateTime b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
