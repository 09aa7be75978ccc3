package dev.doorstep.tracking.customer;

import dev.doorstep.dispatch.routes.ledger.StopStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.doorstep.dispatch.geo.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtaUnitTests {

    private static final Instant NOW = Instant.parse("2026-12-01T17:00:00Z");
    /** One kilometre of latitude is about 0.008993 degrees. */
    private static final double KM = 1 / 111.195;

    private final TrackingSettings settings = new TrackingSettings(3, Duration.ofMinutes(5), Duration.ofMinutes(3),
            36.0, 1.0, Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofSeconds(5), null, null);
    private final Eta eta = new Eta(settings);

    private static RouteStop pending(int seq, double km) {
        return new RouteStop("s" + seq, seq, StopStatus.PENDING, km * KM, 0, null, null, null, null);
    }

    private static RouteStop done(int seq, double km, int serviceSeconds) {
        Instant arrived = NOW.minus(Duration.ofHours(1)).plusSeconds(seq * 600L);
        return new RouteStop("s" + seq, seq, StopStatus.COMPLETED, km * KM, 0, null, null, arrived,
                arrived.plusSeconds(serviceSeconds));
    }

    @Test
    void travelAtTheLearnedSpeedPlusServiceAtEveryStopBeforeTheCustomers() {
        List<RouteStop> stops = List.of(done(0, 0, 100), done(1, 0, 200), pending(2, 1), pending(3, 2), pending(4, 3));
        EtaWindow window = eta.estimate(NOW, stops, stops.get(4), new GeoPoint(0.0, 0.0), 10.0, 5.0);
        // 3 km at 10 m/s = 300 s, plus two stops of 150 s learned from the done ones.
        assertThat(Duration.between(NOW, window.eta()).toSeconds()).isCloseTo(600, within(2L));
        assertThat(Duration.between(window.from(), window.to())).isEqualTo(Duration.ofMinutes(2 * (5 + 3 * 2)));
    }

    @Test
    void withoutPingsThePlanSpeedThenTheSettingIsUsed() {
        List<RouteStop> stops = List.of(pending(0, 1));
        EtaWindow planned = eta.estimate(NOW, stops, stops.get(0), new GeoPoint(0.0, 0.0), null, 5.0);
        assertThat(Duration.between(NOW, planned.eta()).toSeconds()).isCloseTo(200, within(2L));
        EtaWindow fallback = eta.estimate(NOW, stops, stops.get(0), new GeoPoint(0.0, 0.0), null, null);
        assertThat(Duration.between(NOW, fallback.eta()).toSeconds()).isCloseTo(100, within(2L));
    }

    @Test
    void withoutALivePositionTheLastStopReachedIsTheOrigin() {
        List<RouteStop> stops = List.of(done(0, 1, 60), pending(1, 2));
        EtaWindow window = eta.estimate(NOW, stops, stops.get(1), null, 10.0, null);
        assertThat(Duration.between(NOW, window.eta()).toSeconds()).isCloseTo(100, within(2L));
    }

    @Test
    void serviceTimeFallsBackToThePlanThenTheSetting() {
        RouteStop planned = new RouteStop("s0", 0, StopStatus.PENDING, 0, 0, NOW, NOW.plusSeconds(90), null, null);
        assertThat(eta.serviceSeconds(List.of(planned))).isEqualTo(90);
        assertThat(eta.serviceSeconds(List.of(pending(0, 0)))).isEqualTo(120);
    }

    @Test
    void theWindowNarrowsAsTheStopGetsCloser() {
        Duration previous = null;
        for (int away = 10; away >= 0; away--) {
            EtaWindow window = eta.window(NOW, away);
            Duration width = Duration.between(window.from(), window.to());
            if (previous != null) {
                assertThat(width).isLessThan(previous);
            }
            previous = width;
        }
        assertThat(previous).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aStopAlreadyReachedIsDueNow() {
        RouteStop arrived = new RouteStop("s0", 0, StopStatus.ARRIVED, 0, 0, null, null, NOW, null);
        assertThat(eta.estimate(NOW, List.of(arrived), arrived, null, null, null).eta()).isEqualTo(NOW);
    }

    @Test
    void withNeitherPositionNorStopsReachedThePlannedArrivalStandsButNeverInThePast() {
        RouteStop later = new RouteStop("s0", 0, StopStatus.PENDING, 0, 0, NOW.plusSeconds(3600), null, null, null);
        assertThat(eta.estimate(NOW, List.of(later), later, null, null, null).eta()).isEqualTo(NOW.plusSeconds(3600));
        RouteStop late = new RouteStop("s0", 0, StopStatus.PENDING, 0, 0, NOW.minusSeconds(3600), null, null, null);
        assertThat(eta.estimate(NOW, List.of(late), late, null, null, null).eta()).isEqualTo(NOW);
    }

    private static RouteStop driven(int seq, double km, Instant arrived, Instant completed) {
        return new RouteStop("s" + seq, seq, completed == null ? StopStatus.ARRIVED : StopStatus.COMPLETED, km * KM, 0, null, null,
                arrived, completed);
    }

    @Test
    void drivenLegsSetThePaceRedLightsIncludedNotThePingsSpeed() {
        // Two legs of 1 km each driven in 200 s (5 m/s) while the pings reported 10 m/s on the move.
        Instant t = NOW.minusSeconds(700);
        List<RouteStop> stops = List.of(driven(0, 0, t, t.plusSeconds(100)),
                driven(1, 1, t.plusSeconds(300), t.plusSeconds(400)), driven(2, 2, t.plusSeconds(600), NOW),
                pending(3, 3));
        EtaWindow window = eta.estimate(NOW, stops, stops.get(3), new GeoPoint(2 * KM, 0.0), 10.0, null);
        assertThat(Duration.between(NOW, window.eta()).toSeconds()).isCloseTo(200, within(2L));
    }

    @Test
    void theRecentPaceWeighsMostOnTheNextLegsAndTheRoutesFurtherOn() {
        Eta.Pace pace = new Eta.Pace(0.2, 0.1);
        assertThat(pace.ofLeg(0)).isEqualTo(0.2);
        assertThat(pace.ofLeg(2)).isCloseTo(0.15, within(1e-9));
        assertThat(pace.ofLeg(20)).isCloseTo(0.1, within(1e-3));
    }

    @Test
    void whatIsLeftOfTheServiceAtTheStopReachedComesFirst() {
        // Service learned as 300 s; the driver reached stop 1 two minutes ago, so three minutes remain there.
        List<RouteStop> stops = List.of(done(0, 0, 300), driven(1, 0, NOW.minusSeconds(120), null), pending(2, 0));
        EtaWindow window = eta.estimate(NOW, stops, stops.get(2), new GeoPoint(0.0, 0.0), 10.0, null);
        assertThat(Duration.between(NOW, window.eta()).toSeconds()).isCloseTo(180, within(2L));
    }

    @Test
    void withoutPingsThePlansDrivingPaceCountsNotTheRoutesWholeDuration() {
        // The plan drives 1 km in 100 s between stops 0 and 1, then waits 20 min for stop 1's window, serves 60 s.
        Instant t = NOW.plusSeconds(600);
        RouteStop first = new RouteStop("s0", 0, StopStatus.COMPLETED, 0, 0, t, t.plusSeconds(60), Duration.ofSeconds(60),
                NOW.minusSeconds(60), NOW);
        RouteStop second = new RouteStop("s1", 1, StopStatus.PENDING, KM, 0, t.plusSeconds(160), t.plusSeconds(1420),
                Duration.ofSeconds(60), null, null);
        RouteStop third = new RouteStop("s2", 2, StopStatus.PENDING, 2 * KM, 0, t.plusSeconds(1520), t.plusSeconds(1580),
                Duration.ofSeconds(60), null, null);
        List<RouteStop> stops = List.of(first, second, third);
        // 1 km to stop 1 and 1 km on at 10 m/s, and the 60 s learned at stop 0; the route's 0.5 m/s is ignored.
        EtaWindow window = eta.estimate(NOW, stops, third, new GeoPoint(0.0, 0.0), null, 0.5);
        assertThat(Duration.between(NOW, window.eta()).toSeconds()).isCloseTo(260, within(2L));
        assertThat(eta.serviceSeconds(List.of(second, third))).isEqualTo(60);
    }
}
