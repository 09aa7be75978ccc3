package dev.doorstep.dispatch.routes;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.events.RouteResequenced;
import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.dispatch.packages.PackageTransition;
import dev.doorstep.dispatch.planning.OpenStop;
import dev.doorstep.dispatch.planning.PlannedRoute;
import dev.doorstep.dispatch.planning.PlannedRoutes;
import dev.doorstep.dispatch.planning.Resequenced;
import dev.doorstep.dispatch.planning.Resequencer;
import dev.doorstep.dispatch.routes.RouteChangeRules.StopTiming;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Station ops add a package to a published route or take one off it, and the stops still to visit are
 * re-sequenced by the planner from the last stop the driver reached (or the station). Stops reached already
 * keep their order and times. The route, the package and the stops are read, the change is decided
 * ({@link RouteChangeRules}), the new order is solved off the event loop, then everything is written in one
 * transaction only if none of them changed meanwhile ({@link RouteChangeStore}).
 */
@Component
public class RouteChanges {

    private final RouteChangeStore store;
    private final PlannedRoutes planned;
    private final Resequencer resequencer;
    private final Outbox outbox;
    private final RoutesSettings settings;
    private final TransactionalOperator transaction;
    private final Clock clock;

    RouteChanges(RouteChangeStore store, PlannedRoutes planned, Resequencer resequencer, Outbox outbox,
            RoutesSettings settings, ReactiveTransactionManager transactions, Clock clock) {
        this.store = store;
        this.planned = planned;
        this.resequencer = resequencer;
        this.outbox = outbox;
        this.settings = settings;
        this.transaction = TransactionalOperator.create(transactions);
        this.clock = clock;
    }

    /** Adds a package of the route's station: to a pending stop at its address whose window allows it, or as a new stop. */
    public Mono<PlannedRoute> addPackage(String routeId, String trackingId) {
        return changeable(routeId).flatMap(route -> store.parcel(trackingId)
                .flatMap(p -> RouteChangeRules.cannotAdd(route, p).<Mono<RouteChange>>map(Mono::error)
                        .orElseGet(() -> store.stops(routeId)
                                .map(stops -> RouteChangeRules.added(stops, p, Ids.next("sp")))))
                .flatMap(change -> resequenced(route, change, RouteChangeRules.joining(route))));
    }

    /** Takes a not yet delivered package off the route; its stop goes when it was the last package of a pending stop. */
    public Mono<PlannedRoute> removePackage(String routeId, String trackingId) {
        return changeable(routeId).flatMap(route -> store.parcel(trackingId)
                .flatMap(p -> store.stops(routeId).map(stops -> RouteChangeRules.removed(stops, p)))
                .flatMap(change -> resequenced(route, change, PackageTransition.LEAVE_ROUTE)));
    }

    private Mono<RouteHead> changeable(String routeId) {
        return store.head(routeId).flatMap(route -> RouteChangeRules.routeRefuses(route)
                .<Mono<RouteHead>>map(Mono::error).orElseGet(() -> Mono.just(route)));
    }

    private Mono<PlannedRoute> resequenced(RouteHead route, RouteChange change, PackageTransition move) {
        return solved(route, change)
                .flatMap(order -> written(route, change, order, move))
                .then(planned.get(route.id()));
    }

    /** The open stops in a new order from where the route is now; a conflict when one no longer fits. */
    private Mono<Resequenced> solved(RouteHead route, RouteChange change) {
        List<RouteStop> reached = change.reached();
        Instant start = RouteChangeRules.departAt(route, reached, clock.instant());
        List<OpenStop> open = change.open().stream().map(s -> new OpenStop(s.id(), new GeoPoint(s.lat(), s.lon()),
                s.from() == null ? null : s.from().toInstant(), s.to() == null ? null : s.to().toInstant(),
                route.perStop() + (double) route.perExtra() * Math.max(0, s.packages() - 1))).toList();
        List<GeoPoint> visited = reached.stream().map(s -> new GeoPoint(s.lat(), s.lon())).toList();
        return Mono.fromCallable(() -> resequencer.order(route.vehicleType(), route.station(), visited, start,
                        route.shiftEnd(), open, settings.resequenceBudget()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(order -> order.unplaced().isEmpty() ? Mono.just(order)
                        : Mono.error(new Conflict("ROUTE_CANNOT_TAKE", "With this change the route can no "
                                + "longer reach every stop within its window and its shift (" + order.unplaced().size()
                                + " stop(s) left over); nothing was changed")));
    }

    private Mono<Void> written(RouteHead route, RouteChange change, Resequenced order, PackageTransition move) {
        List<StopTiming> timings = RouteChangeRules.timings(change, order);
        return store.write(route, change, order, timings, move)
                .then(outbox.append(route.id(), new RouteResequenced(route.id(), change.kind().name(),
                        change.parcel().trackingId(), timings.stream().map(StopTiming::id).toList())))
                .as(transaction::transactional);
    }
}
