package dev.doorstep.notifications.push;

import dev.doorstep.dispatch.routes.ledger.RouteStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.dispatch.blocks.BlockStatus;
import dev.doorstep.dispatch.packages.PackageStatus;
import dev.doorstep.dispatch.planning.RouteSummary;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PushStalenessUnitTests {

    private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofHours(2));
    private static final Instant EARLIER = NOW.minus(Duration.ofMinutes(1));

    @Test
    void anOfferStaysWorthSendingWhileTheBlockIsOfferedAndHasNotStarted() {
        assertThat(PushStaleness.blockNoLonger(BlockStatus.OFFERED, null, BlockStatus.OFFERED, null, LATER, NOW))
                .isFalse();
    }

    @Test
    void anOfferIsStaleOnceTheBlockWasClaimedOrCancelled() {
        assertThat(PushStaleness.blockNoLonger(BlockStatus.OFFERED, null, BlockStatus.CLAIMED, "drv_1", LATER, NOW))
                .isTrue();
        assertThat(PushStaleness.blockNoLonger(BlockStatus.OFFERED, null, BlockStatus.CANCELLED, null, LATER, NOW))
                .isTrue();
    }

    @Test
    void aReminderIsStaleOnceTheBlockStartedOrAnotherDriverHoldsIt() {
        assertThat(PushStaleness.blockNoLonger(BlockStatus.CLAIMED, "drv_1", BlockStatus.CLAIMED, "drv_1", LATER, NOW))
                .isFalse();
        assertThat(PushStaleness.blockNoLonger(BlockStatus.CLAIMED, "drv_1", BlockStatus.CLAIMED, "drv_1", EARLIER,
                NOW)).isTrue();
        assertThat(PushStaleness.blockNoLonger(BlockStatus.CLAIMED, "drv_1", BlockStatus.CLAIMED, "drv_2", LATER, NOW))
                .isTrue();
    }

    @Test
    void aPushAboutAGoneBlockIsStaleOnlyOnceItsStartHasPassed() {
        assertThat(PushStaleness.goneBlockNoLonger(LATER, NOW)).isFalse();
        assertThat(PushStaleness.goneBlockNoLonger(EARLIER, NOW)).isTrue();
        assertThat(PushStaleness.goneBlockNoLonger(null, NOW)).isFalse();
    }

    @Test
    void aRoutePushIsStaleOnceTheRouteIsGoneAnotherDriversOrOver() {
        assertThat(PushStaleness.routeNoLonger("drv_1", route("drv_1", RouteStatus.ASSIGNED))).isFalse();
        assertThat(PushStaleness.routeNoLonger("drv_1", route("drv_1", RouteStatus.IN_PROGRESS))).isFalse();
        assertThat(PushStaleness.routeNoLonger("drv_1", route("drv_2", RouteStatus.ASSIGNED))).isTrue();
        assertThat(PushStaleness.routeNoLonger("drv_1", route("drv_1", RouteStatus.FINISHED))).isTrue();
        assertThat(PushStaleness.routeNoLonger("drv_1", route("drv_1", RouteStatus.CANCELLED))).isTrue();
        assertThat(PushStaleness.routeNoLonger("drv_1", null)).isTrue();
    }

    @Test
    void arrivingAfterDeliveredNoLongerMattersButTheOutcomesAlwaysDo() {
        assertThat(PushStaleness.packageNoLonger(CustomerNotices.Kind.ARRIVING, PackageStatus.DELIVERED)).isTrue();
        assertThat(PushStaleness.packageNoLonger(CustomerNotices.Kind.ARRIVING, PackageStatus.ATTEMPTED)).isTrue();
        assertThat(PushStaleness.packageNoLonger(CustomerNotices.Kind.OUT_FOR_DELIVERY, PackageStatus.DELIVERED))
                .isTrue();
        assertThat(PushStaleness.packageNoLonger(CustomerNotices.Kind.OUT_FOR_DELIVERY, PackageStatus.CANCELLED))
                .isTrue();
        assertThat(PushStaleness.packageNoLonger(CustomerNotices.Kind.ARRIVING, PackageStatus.OUT_FOR_DELIVERY))
                .isFalse();
        assertThat(PushStaleness.packageNoLonger(CustomerNotices.Kind.DELIVERED, PackageStatus.DELIVERED)).isFalse();
        assertThat(PushStaleness.packageNoLonger(CustomerNotices.Kind.ATTEMPTED, PackageStatus.RETURNED_TO_STATION))
                .isFalse();
        assertThat(PushStaleness.packageNoLonger(CustomerNotices.Kind.RETURNED_TO_SENDER,
                PackageStatus.RETURNED_TO_SENDER)).isFalse();
    }

    private static RouteSummary route(String driverId, RouteStatus status) {
        return new RouteSummary("rte_1", "stn_1", "dsp_1", driverId, status, null, 12);
    }
}
