package dev.doorstep.tracking.customer;

import dev.doorstep.dispatch.geo.Distances;
import dev.doorstep.dispatch.geo.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The ETA model: from where the driver is, through every pending stop before the package's stop in route order
 * (each a straight-line leg times the road factor at the learned speed, then the learned service time), to the
 * package's stop. The window narrows as fewer stops remain.
 */
final class Eta {

    private final TrackingSettings settings;

    Eta(TrackingSettings settings) {
        this.settings = settings;
    }

    /**
     * @param stops the route's stops in order; {@code target} is one of them
     * @param origin the driver's live position, or null (then the last stop reached, else the plan)
     * @param learnedSpeed metres per second over the road from recent pings, or null
     * @param planSpeed metres per second over the road from the plan, or null
     */
    EtaWindow estimate(Instant now, List<RouteStop> stops, RouteStop target, GeoPoint origin, Double learnedSpeed,
            Double planSpeed) {
        if (!target.pending()) {
            return window(now, 0);
        }
        List<RouteStop> ahead = stops.stream().filter(s -> s.pending() && s.seq() <= target.seq()).toList();
        int stopsAway = ahead.size() - 1;
        GeoPoint from = origin != null ? origin : lastReached(stops);
        if (from == null) {
            Instant planned = target.plannedArrival();
            return window(planned == null || planned.isBefore(now) ? now : planned, stopsAway);
        }
        double speed = learnedSpeed != null ? learnedSpeed
                : planSpeed != null ? planSpeed : settings.defaultSpeedKmh() / 3.6;
        double service = serviceSeconds(stops);
        double seconds = 0;
        for (RouteStop stop : ahead) {
            GeoPoint to = new GeoPoint(stop.lat(), stop.lon());
            seconds += Distances.meters(from, to) * settings.roadFactor() / speed;
            if (stop != target) {
                seconds += service;
            }
            from = to;
        }
        return window(now.plusMillis(Math.round(seconds * 1000)), stopsAway);
    }

    /** The time spent at a stop: the mean of this route's done stops, else of the plan, else the setting. */
    double serviceSeconds(List<RouteStop> stops) {
        OptionalDouble learned = stops.stream()
                .filter(s -> s.arrivedAt() != null && s.completedAt() != null)
                .mapToDouble(s -> Duration.between(s.arrivedAt(), s.completedAt()).toMillis() / 1000.0)
                .average();
        if (learned.isPresent()) {
            return learned.getAsDouble();
        }
        OptionalDouble planned = stops.stream()
                .filter(s -> s.plannedArrival() != null && s.plannedDeparture() != null)
                .mapToDouble(s -> Duration.between(s.plannedArrival(), s.plannedDeparture()).toMillis() / 1000.0)
                .average();
        return planned.orElse(settings.defaultServiceTime().toMillis() / 1000.0);
    }

    /** The window around {@code eta}: the margin plus a margin per stop still before the package's. */
    EtaWindow window(Instant eta, int stopsAway) {
        Duration half = settings.etaMargin().plus(settings.etaMarginPerStop().multipliedBy(Math.max(0, stopsAway)));
        return new EtaWindow(eta.minus(half), eta, eta.plus(half));
    }

    private static GeoPoint lastReached(List<RouteStop> stops) {
        GeoPoint last = null;
        for (RouteStop stop : stops) {
            if (!stop.pending()) {
                last = new GeoPoint(stop.lat(), stop.lon());
            }
        }
        return last;
    }
}
