package dev.doorstep.tracking.customer;

import dev.doorstep.dispatch.geo.Distances;
import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.tracking.live.TrailPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The ETA model: from where the driver is, through every pending stop before the package's stop in route order
 * (each a straight-line leg times the road factor, then the learned service time), to the package's stop, after
 * what is left of the service at the stop the driver is at. Speeds are learned from this route's driven legs (stop
 * to next stop, red lights and all), the last few weighing most for the next legs and the whole route's for later
 * ones; before two legs are driven, from the pings' reported speeds, else the plan. The window narrows as fewer
 * stops remain. {@code bench/run eta} measures it.
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
        Pace pace = pace(stops, learnedSpeed != null ? 1 / learnedSpeed : plannedPace(stops, planSpeed));
        double service = serviceSeconds(stops);
        double seconds = serviceLeft(now, stops, target, service);
        int leg = 0;
        for (RouteStop stop : ahead) {
            GeoPoint to = new GeoPoint(stop.lat(), stop.lon());
            seconds += Distances.meters(from, to) * settings.roadFactor() * pace.ofLeg(leg++);
            if (stop != target) {
                seconds += service;
            }
            from = to;
        }
        return window(now.plusMillis(Math.round(seconds * 1000)), stopsAway);
    }

    /** Seconds per metre over the road: {@code recent} for the next leg, tending to {@code overall} further on. */
    record Pace(double recent, double overall) {

        /** Half the weight on the recent pace every this many legs ahead. */
        private static final double HALF_LIFE_LEGS = 2;

        double ofLeg(int legsAhead) {
            double w = Math.pow(0.5, legsAhead / HALF_LIFE_LEGS);
            return w * recent + (1 - w) * overall;
        }
    }

    /** How many driven legs make the recent pace. */
    private static final int RECENT_LEGS = 3;
    /** Legs shorter than this (same building, next door) say nothing about speed. */
    private static final double MIN_LEG_METERS = 50;

    /**
     * The pace of this route's driven legs (from a stop's completion to the next stop's arrival, over the model's
     * distance so that its road factor's error cancels out), recent and overall; {@code fallback} (seconds per
     * metre) until two are.
     */
    Pace pace(List<RouteStop> stops, double fallback) {
        List<double[]> legs = legs(stops, RouteStop::completedAt, RouteStop::arrivedAt);
        if (legs.size() < 2) {
            return new Pace(fallback, fallback);
        }
        return new Pace(paceOf(legs.subList(Math.max(0, legs.size() - RECENT_LEGS), legs.size())), paceOf(legs));
    }

    /**
     * The plan's pace between its stops (departure to next arrival: driving only, unlike the route's whole
     * duration, which holds every stop's service and waits), else the route's, else the setting's.
     */
    double plannedPace(List<RouteStop> stops, Double planSpeed) {
        List<double[]> legs = legs(stops, RouteStop::plannedDeparture, RouteStop::plannedArrival);
        if (!legs.isEmpty()) {
            return paceOf(legs);
        }
        return 1 / (planSpeed != null ? planSpeed : settings.defaultSpeedKmh() / 3.6);
    }

    /** {metres over the road in the model's measure, seconds} of each leg whose both ends have a time. */
    private List<double[]> legs(List<RouteStop> stops, Function<RouteStop, Instant> leave,
            Function<RouteStop, Instant> reach) {
        List<double[]> legs = new ArrayList<>();
        for (int i = 1; i < stops.size(); i++) {
            RouteStop a = stops.get(i - 1);
            RouteStop b = stops.get(i);
            Instant left = leave.apply(a);
            Instant reached = reach.apply(b);
            if (left == null || reached == null || !reached.isAfter(left)) {
                continue;
            }
            double meters = Distances.meters(new GeoPoint(a.lat(), a.lon()), new GeoPoint(b.lat(), b.lon()))
                    * settings.roadFactor();
            if (meters >= MIN_LEG_METERS) {
                legs.add(new double[] {meters, Duration.between(left, reached).toMillis() / 1000.0});
            }
        }
        return legs;
    }

    private static double paceOf(List<double[]> legs) {
        return legs.stream().mapToDouble(l -> l[1]).sum() / legs.stream().mapToDouble(l -> l[0]).sum();
    }

    /** What is left of the expected service at the stop the driver has reached but not completed, if before the target. */
    static double serviceLeft(Instant now, List<RouteStop> stops, RouteStop target, double service) {
        return stops.stream()
                .filter(s -> s.seq() < target.seq() && !s.pending() && s.arrivedAt() != null && s.completedAt() == null)
                .mapToDouble(s -> Math.max(0, service - Duration.between(s.arrivedAt(), now).toMillis() / 1000.0))
                .max().orElse(0);
    }

    /** The mean reported speed of the trail's moving pings (over the road), or null when none moved. */
    static Double learnedSpeed(List<TrailPoint> trail) {
        OptionalDouble mean = trail.stream().map(TrailPoint::speed).filter(speed -> speed != null && speed > 1.0)
                .mapToDouble(Double::doubleValue).average();
        return mean.isPresent() ? mean.getAsDouble() : null;
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
                .filter(s -> s.plannedService() != null)
                .mapToDouble(s -> s.plannedService().toMillis() / 1000.0)
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
