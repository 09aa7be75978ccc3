package dev.doorstep.dispatch.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopGroupingUnitTests {

    private static final Instant NINE = Instant.parse("2026-12-01T17:00:00Z");

    private static DuePackage at(String id, String address, double lat, int fromHour, int toHour) {
        return new DuePackage(id, address, lat, -122.3, NINE.plusSeconds(3600L * (fromHour - 9)),
                NINE.plusSeconds(3600L * (toHour - 9)), 1, 6);
    }

    @Test
    void packagesAtOneAddressWithOverlappingWindowsShareAStopWithinTheCommonWindow() {
        List<StopDraft> stops = StopGrouping.stops(List.of(at("a", "1 Pine St", 47.6, 9, 13),
                at("b", " 1 PINE st ", 47.6, 11, 21), at("c", "2 Pine St", 47.6, 9, 21)));

        assertThat(stops).hasSize(2);
        StopDraft shared = stops.get(0);
        assertThat(shared.packages()).extracting(DuePackage::trackingId).containsExactly("a", "b");
        assertThat(shared.windowFrom()).isEqualTo(NINE.plusSeconds(2 * 3600));
        assertThat(shared.windowTo()).isEqualTo(NINE.plusSeconds(4 * 3600));
        assertThat(shared.weightKg()).isEqualTo(2);
    }

    @Test
    void windowsThatDoNotOverlapOrPlacesApartMakeSeparateStops() {
        List<StopDraft> stops = StopGrouping.stops(List.of(at("a", "1 Pine St", 47.6, 9, 12),
                at("b", "1 Pine St", 47.6, 13, 17), at("c", "1 Pine St", 47.61, 9, 12)));

        assertThat(stops).hasSize(3);
    }

    @Test
    void aPickupAndADeliveryAtOneAddressMakeTwoStopsOfTheirOwnKind() {
        DuePackage delivery = at("a", "1 Pine St", 47.6, 9, 21);
        DuePackage pickup = new DuePackage("r", "1 Pine St", 47.6, -122.3, NINE, NINE.plusSeconds(12 * 3600), 2, 24,
                true);

        List<StopDraft> stops = StopGrouping.stops(List.of(delivery, pickup));

        assertThat(stops).hasSize(2);
        assertThat(stops).extracting(StopDraft::pickup).containsExactly(false, true);
        assertThat(stops.get(1).packages()).containsExactly(pickup);
    }
}
