package dev.doorstep.tracking.customer;

import dev.doorstep.dispatch.delivery.DeliveryFacts;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.packages.PackageStatus;
import dev.doorstep.dispatch.planning.PackageRoute;
import dev.doorstep.dispatch.planning.PlannedRoutes;
import dev.doorstep.dispatch.planning.TrackedPackage;
import dev.doorstep.dispatch.routes.ledger.RouteStatus;
import dev.doorstep.tracking.customer.TrackingView.Delivered;
import dev.doorstep.tracking.customer.TrackingView.DriverPosition;
import dev.doorstep.tracking.customer.TrackingView.Point;
import dev.doorstep.tracking.customer.TrackingView.Step;
import dev.doorstep.tracking.customer.TrackingView.Window;
import dev.doorstep.tracking.live.LivePositions;
import dev.doorstep.tracking.live.Position;
import dev.doorstep.tracking.live.Trails;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The customer's view of one package, computed from the database and the live store at most every
 * {@code viewMaxAge} for the reads, and as a stream: on connect, then whenever the driver moves or every
 * {@code refreshEvery}, until delivered or returned. Every viewer of one package on this node shares one stream.
 */
@Component
public class CustomerTracking {

    /** Statuses after which the package no longer comes to the customer's door: the page stops updating. */
    private static final Set<PackageStatus> ENDED = EnumSet.of(PackageStatus.DELIVERED,
            PackageStatus.RETURNED_TO_STATION, PackageStatus.RETURN_TO_SENDER, PackageStatus.RETURNED_TO_SENDER,
            PackageStatus.MISSING, PackageStatus.CANCELLED, PackageStatus.PICKED_UP);

    private static final String DELIVERED = PackageStatus.DELIVERED.name();

    private final RecentPackages packages;
    private final PlannedRoutes routes;
    private final DeliveryFacts deliveries;
    private final LivePositions live;
    private final Trails trails;
    private final TrackingSettings settings;
    private final Clock clock;
    private final Eta eta;
    private final RecentReads<String, TrackingView> views;
    private final ConcurrentHashMap<String, Flux<TrackingView>> streams = new ConcurrentHashMap<>();

    CustomerTracking(RecentPackages packages, PlannedRoutes routes, DeliveryFacts deliveries, LivePositions live,
            Trails trails, TrackingSettings settings, Clock clock) {
        this.packages = packages;
        this.routes = routes;
        this.deliveries = deliveries;
        this.live = live;
        this.trails = trails;
        this.settings = settings;
        this.clock = clock;
        this.eta = new Eta(settings);
        this.views = new RecentReads<>(clock, settings.viewMaxAge(), settings.viewMaxEntries());
    }

    private record PackageRow(String trackingId, PackageStatus status, Instant windowFrom, Instant windowTo, double lat,
            double lon, String stopId, String routeId, RouteStatus routeStatus, String driverId, String driverName,
            Double planSpeed, String timeZone, List<Step> timeline) {

        static PackageRow of(TrackedPackage pkg) {
            List<Step> timeline = pkg.timeline().stream()
                    .map(e -> new Step(e.status().name(), instant(e.at()))).toList();
            PackageRoute route = pkg.route();
            return new PackageRow(pkg.trackingId(), pkg.status(), instant(pkg.window().from()),
                    instant(pkg.window().to()), pkg.location().lat(), pkg.location().lon(),
                    route == null ? null : route.stopId(), route == null ? null : route.routeId(),
                    route == null ? null : route.routeStatus(), route == null ? null : route.driverId(),
                    pkg.driverName(), route == null ? null : route.planSpeed(), pkg.timeZone(), timeline);
        }
    }

    /** The package's view, computed at most {@code viewMaxAge} ago. */
    public Mono<TrackingView> view(String trackingId) {
        return views.get(trackingId, this::viewNow);
    }

    private Mono<TrackingView> viewNow(String trackingId) {
        return packageRow(trackingId).flatMap(row -> Mono.zip(routeStops(row.routeId()), delivered(row))
                .flatMap(t -> withRoute(row, row.timeline(), t.getT1(), t.getT2().orElse(null))));
    }

    /**
     * The view on connect, then each change (driver's moves, or every {@code refreshEvery}); ends once ended. The
     * viewers of one package share one stream: a viewer joining it first sees the latest view it sent.
     */
    public Flux<TrackingView> updates(String trackingId) {
        return Flux.defer(() -> streams.computeIfAbsent(trackingId, this::sharedUpdates));
    }

    private Flux<TrackingView> sharedUpdates(String trackingId) {
        AtomicReference<Flux<TrackingView>> self = new AtomicReference<>();
        Flux<TrackingView> shared = updatesNow(trackingId)
                .doFinally(signal -> streams.remove(trackingId, self.get()))
                .replay(1)
                .refCount();
        self.set(shared);
        return shared;
    }

    private Flux<TrackingView> updatesNow(String trackingId) {
        return viewNow(trackingId).flatMapMany(first -> {
            if (first.ended()) {
                return Flux.just(first);
            }
            Flux<Object> ticks = Flux.merge(Flux.interval(settings.refreshEvery()),
                    first.driverFirstName() == null ? Flux.never() : driverMoves(trackingId));
            // A burst of moves while a view is being computed collapses into one more view.
            Flux<TrackingView> later = ticks.onBackpressureLatest().concatMap(tick -> viewNow(trackingId), 1)
                    .distinctUntilChanged()
                    .takeUntil(TrackingView::ended);
            return Flux.concat(Flux.just(first), later.filter(v -> !v.equals(first)));
        });
    }

    private Flux<Object> driverMoves(String trackingId) {
        return packageRow(trackingId).flatMapMany(row -> row.driverId() == null ? Flux.never()
                : live.ofDriver(row.driverId()).map(Object.class::cast));
    }

    /**
     * The package, where it is planned, who drives it and its station's time zone: one query to dispatch, kept for
     * the next resolution of one of its links.
     */
    private Mono<PackageRow> packageRow(String trackingId) {
        return packages.readNow(trackingId).switchIfEmpty(Mono.error(() -> new NotFound("package", trackingId)))
                .map(PackageRow::of);
    }

    private Mono<List<RouteStop>> routeStops(String routeId) {
        if (routeId == null) {
            return Mono.just(List.of());
        }
        return routes.stopTimes(routeId).map(stops -> stops.stream().map(s -> new RouteStop(s.id(), s.seq(),
                s.status(), s.lat(), s.lon(), instant(s.plannedArrival()), instant(s.plannedDeparture()),
                seconds(s.plannedServiceSeconds()), instant(s.arrivedAt()), instant(s.completedAt()))).toList());
    }

    /**
     * The delivery's facts, read only for a package whose timeline has a delivery (the attempt and the package's
     * DELIVERED event are written together): most reads are of packages on their way, which spares them a query.
     */
    private Mono<Optional<Delivered>> delivered(PackageRow row) {
        if (row.timeline().stream().noneMatch(step -> DELIVERED.equals(step.status()))) {
            return Mono.just(Optional.empty());
        }
        return deliveries.lastDelivery(row.trackingId())
                .map(d -> Optional.of(new Delivered(instant(d.capturedAt()), d.place(), d.customerPhoto())))
                .defaultIfEmpty(Optional.empty());
    }

    private Mono<TrackingView> withRoute(PackageRow row, List<Step> timeline, List<RouteStop> stops,
            Delivered delivered) {
        boolean ended = ENDED.contains(row.status());
        boolean underWay = row.status() == PackageStatus.OUT_FOR_DELIVERY && row.routeStatus() == RouteStatus.IN_PROGRESS;
        RouteStop target = stops.stream().filter(s -> s.id().equals(row.stopId())).findFirst().orElse(null);
        String firstName = underWay && row.driverName() != null ? row.driverName().trim().split("\\s+")[0] : null;
        Window window = new Window(row.windowFrom(), row.windowTo());
        Point destination = new Point(row.lat(), row.lon());
        if (!underWay || target == null) {
            return Mono.just(new TrackingView(row.trackingId(), row.status().name(), timeline, window, row.timeZone(),
                    destination, null, null, null, null, delivered, ended));
        }
        int stopsAway = (int) stops.stream().filter(s -> s.pending() && s.seq() < target.seq()).count();
        boolean visible = stopsAway <= settings.visibleWithinStops();
        Instant now = clock.instant();
        return Mono.zip(position(row.driverId()), learnedSpeed(row.driverId(), now)).map(t -> {
            Position position = t.getT1().orElse(null);
            GeoPoint origin = position == null ? null : new GeoPoint(position.lat(), position.lon());
            EtaWindow estimate = eta.estimate(now, stops, target, origin, t.getT2().orElse(null), row.planSpeed());
            DriverPosition driver = visible && position != null
                    ? new DriverPosition(position.lat(), position.lon(), position.heading(), position.ts()) : null;
            return new TrackingView(row.trackingId(), row.status().name(), timeline, window, row.timeZone(), destination,
                    estimate, stopsAway, firstName, driver, delivered, false);
        });
    }

    private Mono<Optional<Position>> position(String driverId) {
        return live.latest(driverId).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    /** The driver's speed over the road learned from the recent trail, or none. */
    private Mono<Optional<Double>> learnedSpeed(String driverId, Instant now) {
        return trails.trail(driverId, now.minus(settings.speedSampling()), now)
                .collectList()
                .map(trail -> Optional.ofNullable(Eta.learnedSpeed(trail)));
    }

    private static Duration seconds(Double seconds) {
        return seconds == null ? null : Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
