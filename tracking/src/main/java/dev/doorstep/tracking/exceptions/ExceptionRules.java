package dev.doorstep.tracking.exceptions;

import dev.doorstep.dispatch.geo.Distances;
import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.planning.RouteUnderway;
import dev.doorstep.tracking.live.Position;
import dev.doorstep.tracking.live.TrailPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The conditions on one route in progress, from its plan, the driver's latest position and recent trail, at
 * {@code now}. Each condition starts when the situation began where the data tells it (the last ping, the first
 * ping of the standing still, the ping that showed the detour or the low battery); BEHIND_PLAN starts when seen.
 */
final class ExceptionRules {

    private final ExceptionSettings settings;

    ExceptionRules(ExceptionSettings settings) {
        this.settings = settings;
    }

    /** How far back the trail is read for NOT_MOVING. */
    Duration trailWindow() {
        return settings.notMovingAfter().multipliedBy(2);
    }

    List<Condition> onRoute(RouteUnderway route, Position latest, List<TrailPoint> trail, Instant now) {
        List<Condition> found = new ArrayList<>();
        Instant started = route.startedAt() == null ? now : route.startedAt().toInstant();
        boolean heardSinceStart = latest != null && !latest.ts().isBefore(started);
        Instant silentSince = heardSinceStart ? latest.ts() : started;
        boolean silent = !Duration.between(silentSince, now).minus(settings.noPingsAfter()).isNegative();
        if (silent) {
            found.add(condition(ExceptionKind.NO_PINGS, route, null, silentSince, heardSinceStart
                    ? "No ping since " + latest.ts() + " (" + minutes(silentSince, now) + " min)"
                    : "No ping since the route started (" + minutes(silentSince, now) + " min)",
                    latest));
        }
        Integer behind = route.progress().minutesBehind();
        if (behind != null && behind > settings.behindPlanAfter().toMinutes()) {
            found.add(condition(ExceptionKind.BEHIND_PLAN, route, null, now,
                    behind + " min behind plan; expected to finish at " + route.progress().expectedFinish(), latest));
        }
        if (latest != null && latest.battery() != null && latest.battery() < settings.lowBattery()) {
            found.add(condition(ExceptionKind.LOW_BATTERY, route, null, latest.ts(),
                    "Phone battery at " + Math.round(latest.battery() * 100) + " %", latest));
        }
        if (heardSinceStart && !silent) {
            Condition offPath = offPath(route, latest);
            if (offPath != null) {
                found.add(offPath);
            }
            Condition standing = notMoving(route, latest, trail, started, now);
            if (standing != null) {
                found.add(standing);
            }
        }
        return found;
    }

    /** Farther than the setting from the straight way between the last done stop (or station) and the next open one. */
    private Condition offPath(RouteUnderway route, Position latest) {
        List<RouteUnderway.Stop> stops = route.stops();
        int next = 0;
        while (next < stops.size() && !stops.get(next).open()) {
            next++;
        }
        GeoPoint from = next == 0 ? route.station() : stops.get(next - 1).location();
        GeoPoint to = next < stops.size() ? stops.get(next).location() : route.station();
        GeoPoint at = new GeoPoint(latest.lat(), latest.lon());
        double off = Distances.metersToSegment(at, from, to);
        if (off <= settings.offPathMeters()) {
            return null;
        }
        String towards = next < stops.size() ? "stop " + stops.get(next).seq() : "the station";
        return condition(ExceptionKind.OFF_PATH, route, next < stops.size() ? stops.get(next).id() : null, latest.ts(),
                Math.round(off) + " m off the way to " + towards, latest);
    }

    /**
     * Every ping since the run began within the radius of the latest, for at least the setting, and the latest
     * not near an open stop or the station. The run is read back from the latest ping, never before the start.
     */
    private Condition notMoving(RouteUnderway route, Position latest, List<TrailPoint> trail, Instant started,
            Instant now) {
        GeoPoint at = new GeoPoint(latest.lat(), latest.lon());
        Instant since = latest.ts();
        for (int i = trail.size() - 1; i >= 0; i--) {
            TrailPoint p = trail.get(i);
            if (p.flagged() || p.ts().isAfter(latest.ts())) {
                continue;
            }
            if (p.ts().isBefore(started)
                    || Distances.meters(at, new GeoPoint(p.lat(), p.lon())) > settings.notMovingRadiusMeters()) {
                break;
            }
            since = p.ts();
        }
        if (Duration.between(since, now).compareTo(settings.notMovingAfter()) < 0) {
            return null;
        }
        boolean nearStop = route.stops().stream().filter(RouteUnderway.Stop::open)
                .anyMatch(s -> Distances.meters(at, s.location()) <= settings.nearStopMeters());
        if (nearStop || Distances.meters(at, route.station()) <= settings.nearStopMeters()) {
            return null;
        }
        return condition(ExceptionKind.NOT_MOVING, route, null, since,
                "Not moving for " + minutes(since, now) + " min, away from any stop", latest);
    }

    private static Condition condition(ExceptionKind kind, RouteUnderway route, String stopId, Instant startedAt,
            String detail, Position at) {
        return new Condition(kind, route.id(), route.dspId(), route.driverId(), route.id(), stopId, startedAt, detail,
                at == null ? null : at.lat(), at == null ? null : at.lon());
    }

    private static long minutes(Instant from, Instant to) {
        return Duration.between(from, to).toMinutes();
    }
}
