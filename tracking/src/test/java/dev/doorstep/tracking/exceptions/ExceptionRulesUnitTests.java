package dev.doorstep.tracking.exceptions;

import dev.doorstep.dispatch.routes.ledger.StopStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.planning.RouteProgress;
import dev.doorstep.dispatch.planning.RouteUnderway;
import dev.doorstep.tracking.live.Position;
import dev.doorstep.tracking.live.TrailPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExceptionRulesUnitTests {

    private static final Instant NOW = Instant.parse("2026-12-01T18:00:00Z");
    private static final GeoPoint STATION = new GeoPoint(47.58, -122.33);
    private static final ExceptionSettings DEFAULTS = settings(Duration.ofMinutes(5), 50, Duration.ofMinutes(30), 500,
            0.15);

    @Test
    void silenceCountsFromTheLastPingAndOpensAtTheSettingsThreshold() {
        Position threeMinutesAgo = at(NOW.minus(Duration.ofMinutes(3)), 47.585, -122.33, 0.9);

        assertThat(kinds(DEFAULTS, route(null), threeMinutesAgo, List.of())).doesNotContain(ExceptionKind.NO_PINGS);
        Condition silent = only(new ExceptionRules(settings(Duration.ofMinutes(2), 50, Duration.ofMinutes(30), 500,
                0.15)).onRoute(route(null), threeMinutesAgo, List.of(), NOW), ExceptionKind.NO_PINGS);
        assertThat(silent.startedAt()).isEqualTo(threeMinutesAgo.ts());
    }

    @Test
    void aPingFromBeforeTheStartIsNoSignOfLife() {
        Position beforeStart = at(NOW.minus(Duration.ofHours(2)), 47.585, -122.33, 0.9);

        Condition silent = only(new ExceptionRules(DEFAULTS).onRoute(route(null), beforeStart, List.of(), NOW),
                ExceptionKind.NO_PINGS);
        assertThat(silent.startedAt()).isEqualTo(NOW.minus(Duration.ofHours(1)));
    }

    @Test
    void behindPlanOffPathAndLowBatteryFollowTheirSettings() {
        // 556 m east of the way north from the station to the first stop, battery at 20 %, 20 min behind.
        Position detour = at(NOW.minusSeconds(10), 47.585, -122.3226, 0.2);
        ExceptionSettings strict = settings(Duration.ofMinutes(5), 50, Duration.ofMinutes(10), 300, 0.3);

        assertThat(kinds(DEFAULTS, route(20), detour, List.of())).containsExactly(ExceptionKind.OFF_PATH);
        assertThat(kinds(strict, route(20), detour, List.of())).containsExactlyInAnyOrder(ExceptionKind.BEHIND_PLAN,
                ExceptionKind.OFF_PATH, ExceptionKind.LOW_BATTERY);
        assertThat(kinds(settings(Duration.ofMinutes(5), 50, Duration.ofMinutes(30), 600, 0.15), route(20), detour,
                List.of())).isEmpty();
    }

    @Test
    void standingStillStartsAtTheFirstPingWithinTheRadiusAndNeedsTheWholeSpan() {
        List<TrailPoint> trail = new ArrayList<>();
        trail.add(point(NOW.minus(Duration.ofMinutes(25)), 47.583));
        for (int minute = 20; minute >= 0; minute--) {
            trail.add(point(NOW.minus(Duration.ofMinutes(minute)), 47.585 + (minute % 2) * 0.0002));
        }
        Position latest = at(NOW, 47.585, -122.33, 0.9);

        Condition still = only(new ExceptionRules(DEFAULTS).onRoute(route(null), latest, trail, NOW),
                ExceptionKind.NOT_MOVING);
        assertThat(still.startedAt()).isEqualTo(NOW.minus(Duration.ofMinutes(20)));
        // With 10 m of leeway, the 22 m wobble is movement.
        assertThat(kinds(settings(Duration.ofMinutes(5), 10, Duration.ofMinutes(30), 500, 0.15), route(null), latest,
                trail)).doesNotContain(ExceptionKind.NOT_MOVING);
        assertThat(kinds(DEFAULTS, route(null), latest, trail.subList(12, trail.size())))
                .doesNotContain(ExceptionKind.NOT_MOVING);
    }

    private static List<ExceptionKind> kinds(ExceptionSettings settings, RouteUnderway route, Position latest,
            List<TrailPoint> trail) {
        return new ExceptionRules(settings).onRoute(route, latest, trail, NOW).stream().map(Condition::kind).toList();
    }

    private static Condition only(List<Condition> found, ExceptionKind kind) {
        List<Condition> ofKind = found.stream().filter(c -> c.kind() == kind).toList();
        assertThat(ofKind).hasSize(1);
        return ofKind.get(0);
    }

    /** Started an hour ago, stops due north of the station every 0.01 degree, none done yet. */
    private static RouteUnderway route(Integer minutesBehind) {
        List<RouteUnderway.Stop> stops = List.of(
                new RouteUnderway.Stop("stp_1", 0, new GeoPoint(47.59, -122.33), StopStatus.PENDING),
                new RouteUnderway.Stop("stp_2", 1, new GeoPoint(47.60, -122.33), StopStatus.PENDING));
        return new RouteUnderway("rt_1", "dsp_1", "drv_1", "st_1", STATION,
                NOW.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC),
                new RouteProgress(0, 2, null, null, minutesBehind), stops);
    }

    private static Position at(Instant ts, double lat, double lon, double battery) {
        return new Position("drv_1", ts, lat, lon, 5.0, 0.0, null, null, battery);
    }

    private static TrailPoint point(Instant ts, double lat) {
        return new TrailPoint(ts, lat, -122.33, 5.0, 0.0, null, null, 0.9, false);
    }

    private static ExceptionSettings settings(Duration noPings, double stillRadius, Duration behind, double offPath,
            double lowBattery) {
        return new ExceptionSettings(Duration.ofSeconds(30), noPings, Duration.ofMinutes(15), stillRadius, 100, behind,
                offPath, lowBattery, Duration.ofMinutes(60));
    }
}
