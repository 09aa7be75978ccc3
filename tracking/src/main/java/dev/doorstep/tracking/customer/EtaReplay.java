package dev.doorstep.tracking.customer;

import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.routes.ledger.StopStatus;
import dev.doorstep.tracking.live.TrailPoint;
import java.time.Instant;
import java.util.List;

/**
 * The ETA model on its own, fed what {@link CustomerTracking} reads from the database and the live store, so that a
 * whole route can be replayed in simulated time ({@code bench/run eta}) through the very computation customers see.
 * Tracking's public entry for that replay: it takes and returns its own records only.
 */
public final class EtaReplay {

    private final Eta eta;
    private final TrackingSettings settings;

    public EtaReplay(TrackingSettings settings) {
        this.settings = settings;
        this.eta = new Eta(settings);
    }

    /** The model with the settings' defaults (those of application.yml). */
    public static EtaReplay withDefaults() {
        return new EtaReplay(new TrackingSettings(null, null, null, null, null, null, null, null, null, null));
    }

    /** A ping of the replayed driver: when, where, how precisely (metres) and how fast (m/s, or null). */
    public record Ping(Instant ts, double lat, double lon, double accuracy, Double speed) {

        TrailPoint asTrailPoint() {
            return new TrailPoint(ts, lat, lon, accuracy, speed, null, null, null, false);
        }
    }

    /** A stop of the replayed route: pending until {@code arrivedAt}, done at {@code completedAt}. */
    public record Stop(int seq, double lat, double lon, Instant plannedArrival, Instant plannedDeparture,
            Instant arrivedAt, Instant completedAt) {

        RouteStop asRouteStop() {
            StopStatus status = completedAt != null ? StopStatus.COMPLETED : arrivedAt != null ? StopStatus.ARRIVED
                    : StopStatus.PENDING;
            return new RouteStop("s" + seq, seq, status, lat, lon, plannedArrival, plannedDeparture, arrivedAt,
                    completedAt);
        }
    }

    /**
     * The window a customer of stop {@code targetSeq} sees at {@code now}.
     *
     * @param pings the driver's pings so far, oldest first; the last is the live position
     * @param planSpeed the plan's metres per second over the road, or null
     */
    public EtaWindow estimate(Instant now, List<Stop> stops, int targetSeq, List<Ping> pings, Double planSpeed) {
        List<TrailPoint> trail = pings.stream().map(Ping::asTrailPoint).toList();
        List<RouteStop> route = stops.stream().map(Stop::asRouteStop).toList();
        RouteStop target = route.stream().filter(s -> s.seq() == targetSeq).findFirst().orElseThrow();
        TrailPoint latest = trail.isEmpty() ? null : trail.get(trail.size() - 1);
        GeoPoint origin = latest == null ? null : new GeoPoint(latest.lat(), latest.lon());
        Instant since = now.minus(settings.speedSampling());
        List<TrailPoint> recent = trail.stream().filter(p -> !p.ts().isBefore(since) && !p.ts().isAfter(now)).toList();
        return eta.estimate(now, route, target, origin, Eta.learnedSpeed(recent), planSpeed);
    }
}
