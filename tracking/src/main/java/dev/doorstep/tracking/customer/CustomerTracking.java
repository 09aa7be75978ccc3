package dev.doorstep.tracking.customer;

import dev.doorstep.dispatch.delivery.DeliveryFacts;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.fleet.Driver;
import dev.doorstep.dispatch.fleet.Drivers;
import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.stations.Station;
import dev.doorstep.dispatch.stations.Stations;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The customer's view of one package, computed afresh from the database and the live store on each call, and
 * as a stream: on connect, then whenever the driver moves or every {@code refreshEvery}, until delivered or returned.
 */
@Component
public class CustomerTracking {

    private static final Set<String> ENDED = Set.of("DELIVERED", "RETURNED_TO_STATION", "RETURN_TO_SENDER",
            "RETURNED_TO_SENDER", "MISSING", "CANCELLED", "PICKED_UP");

    private final DatabaseClient db;
    private final Stations stations;
    private final Drivers drivers;
    private final DeliveryFacts deliveries;
    private final LivePositions live;
    private final Trails trails;
    private final TrackingSettings settings;
    private final Clock clock;
    private final Eta eta;

    CustomerTracking(DatabaseClient db, Stations stations, Drivers drivers, DeliveryFacts deliveries,
            LivePositions live, Trails trails, TrackingSettings settings, Clock clock) {
        this.db = db;
        this.stations = stations;
        this.drivers = drivers;
        this.deliveries = deliveries;
        this.live = live;
        this.trails = trails;
        this.settings = settings;
        this.clock = clock;
        this.eta = new Eta(settings);
    }

    /** {@code driverName} and {@code timeZone} are null until {@link #withStationAndDriver} asked dispatch. */
    private record PackageRow(String trackingId, String status, Instant windowFrom, Instant windowTo, double lat,
            double lon, String stopId, String routeId, String routeStatus, String driverId, String driverName,
            Double planSpeed, String stationId, String timeZone) {
    }

    /** The package's view now. */
    public Mono<TrackingView> view(String trackingId) {
        return packageRow(trackingId).flatMap(row -> Mono.zip(timeline(trackingId), routeStops(row.routeId()),
                        delivered(trackingId))
                .flatMap(t -> withRoute(row, t.getT1(), t.getT2(), t.getT3().orElse(null))));
    }

    /** The view on connect, then each change (driver's moves, or every {@code refreshEvery}); ends once ended. */
    public Flux<TrackingView> updates(String trackingId) {
        return view(trackingId).flatMapMany(first -> {
            if (first.ended()) {
                return Flux.just(first);
            }
            Flux<Object> ticks = Flux.merge(Flux.interval(settings.refreshEvery()),
                    first.driverFirstName() == null ? Flux.never() : driverMoves(trackingId));
            // A burst of moves while a view is being computed collapses into one more view.
            Flux<TrackingView> later = ticks.onBackpressureLatest().concatMap(tick -> view(trackingId), 1)
                    .distinctUntilChanged()
                    .takeUntil(TrackingView::ended);
            return Flux.concat(Flux.just(first), later.filter(v -> !v.equals(first)));
        });
    }

    private Flux<Object> driverMoves(String trackingId) {
        return packageRow(trackingId).flatMapMany(row -> row.driverId() == null ? Flux.never()
                : live.ofDriver(row.driverId()).map(Object.class::cast));
    }

    private Mono<PackageRow> packageRow(String trackingId) {
        return db.sql("SELECT p.tracking_id, p.status, p.window_from, p.window_to, p.lat, p.lon, p.stop_id, s.route_id, "
                        + "r.status AS route_status, r.driver_id, p.station_id, "
                        + "CASE WHEN r.duration_s > 0 AND r.distance_m > 0 THEN r.distance_m / r.duration_s END AS plan_speed "
                        + "FROM packages p LEFT JOIN stops s ON s.id = p.stop_id LEFT JOIN routes r ON r.id = s.route_id "
                        + "WHERE p.tracking_id = :id")
                .bind("id", trackingId)
                .map(r -> new PackageRow(r.get("tracking_id", String.class), r.get("status", String.class),
                        instant(r.get("window_from", OffsetDateTime.class)), instant(r.get("window_to", OffsetDateTime.class)),
                        r.get("lat", Double.class), r.get("lon", Double.class), r.get("stop_id", String.class),
                        r.get("route_id", String.class), r.get("route_status", String.class),
                        r.get("driver_id", String.class), null,
                        r.get("plan_speed", Double.class), r.get("station_id", String.class), null))
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("package", trackingId)))
                .flatMap(this::withStationAndDriver);
    }

    /** The row with its station's time zone and its driver's name, asked of dispatch. */
    private Mono<PackageRow> withStationAndDriver(PackageRow row) {
        Mono<String> driverName = row.driverId() == null ? Mono.just("")
                : drivers.get(row.driverId()).map(Driver::name).onErrorResume(NotFound.class, e -> Mono.just(""));
        return Mono.zip(stations.get(row.stationId()).map(Station::timeZone), driverName, (zone, name) ->
                new PackageRow(row.trackingId(), row.status(), row.windowFrom(), row.windowTo(), row.lat(), row.lon(),
                        row.stopId(), row.routeId(), row.routeStatus(), row.driverId(), name.isEmpty() ? null : name,
                        row.planSpeed(), row.stationId(), zone));
    }

    private Mono<List<Step>> timeline(String trackingId) {
        return db.sql("SELECT status, at FROM package_events WHERE tracking_id = :id ORDER BY at, id")
                .bind("id", trackingId)
                .map(r -> new Step(r.get("status", String.class), instant(r.get("at", OffsetDateTime.class))))
                .all().collectList();
    }

    private Mono<List<RouteStop>> routeStops(String routeId) {
        if (routeId == null) {
            return Mono.just(List.of());
        }
        // The plan's departure includes any wait for the window to open; the service alone is the time after it.
        return db.sql("SELECT id, seq, status, lat, lon, planned_arrival, planned_departure, EXTRACT(EPOCH FROM "
                        + "planned_departure - GREATEST(planned_arrival, COALESCE(window_from, planned_arrival))) "
                        + "AS planned_service_s, arrived_at, completed_at FROM stops WHERE route_id = :route ORDER BY seq")
                .bind("route", routeId)
                .map(r -> new RouteStop(r.get("id", String.class), r.get("seq", Integer.class),
                        r.get("status", String.class), r.get("lat", Double.class), r.get("lon", Double.class),
                        instant(r.get("planned_arrival", OffsetDateTime.class)),
                        instant(r.get("planned_departure", OffsetDateTime.class)),
                        seconds(r.get("planned_service_s", Double.class)),
                        instant(r.get("arrived_at", OffsetDateTime.class)),
                        instant(r.get("completed_at", OffsetDateTime.class))))
                .all().collectList();
    }

    private Mono<Optional<Delivered>> delivered(String trackingId) {
        return deliveries.lastDelivery(trackingId)
                .map(d -> Optional.of(new Delivered(instant(d.capturedAt()), d.place(), d.customerPhoto())))
                .defaultIfEmpty(Optional.empty());
    }

    private Mono<TrackingView> withRoute(PackageRow row, List<Step> timeline, List<RouteStop> stops,
            Delivered delivered) {
        boolean ended = ENDED.contains(row.status());
        boolean underWay = "OUT_FOR_DELIVERY".equals(row.status()) && "IN_PROGRESS".equals(row.routeStatus());
        RouteStop target = stops.stream().filter(s -> s.id().equals(row.stopId())).findFirst().orElse(null);
        String firstName = underWay && row.driverName() != null ? row.driverName().trim().split("\\s+")[0] : null;
        Window window = new Window(row.windowFrom(), row.windowTo());
        Point destination = new Point(row.lat(), row.lon());
        if (!underWay || target == null) {
            return Mono.just(new TrackingView(row.trackingId(), row.status(), timeline, window, row.timeZone(),
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
            return new TrackingView(row.trackingId(), row.status(), timeline, window, row.timeZone(), destination,
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
