package dev.doorstep.tracking.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtaReplayUnitTests {

    private static final Instant START = Instant.parse("2026-03-02T16:00:00Z");

    @Test
    void aReplayedDriverOnTimeIsExpectedAtThePlannedArrivalWithinAWindowThatWidensWithTheStopsBefore() {
        List<EtaReplay.Stop> stops = List.of(
                new EtaReplay.Stop(0, 47.600, -122.300, START, START.plusSeconds(120), START, START.plusSeconds(120)),
                new EtaReplay.Stop(1, 47.605, -122.300, START.plusSeconds(600), START.plusSeconds(720), null, null),
                new EtaReplay.Stop(2, 47.610, -122.300, START.plusSeconds(1200), START.plusSeconds(1320), null, null));
        List<EtaReplay.Ping> pings = List.of(new EtaReplay.Ping(START.plusSeconds(60), 47.600, -122.300, 8.0, 0.0),
                new EtaReplay.Ping(START.plusSeconds(120), 47.600, -122.300, 8.0, 0.0));
        EtaReplay replay = EtaReplay.withDefaults();

        EtaWindow next = replay.estimate(START.plusSeconds(120), stops, 1, pings, 5.0);
        EtaWindow later = replay.estimate(START.plusSeconds(120), stops, 2, pings, 5.0);

        assertThat(next.eta()).isAfter(START.plusSeconds(120)).isBefore(later.eta());
        assertThat(next.from()).isBeforeOrEqualTo(next.eta());
        assertThat(next.to()).isAfterOrEqualTo(next.eta());
        assertThat(Duration.between(later.from(), later.to()))
                .isGreaterThan(Duration.between(next.from(), next.to()));
    }
}
