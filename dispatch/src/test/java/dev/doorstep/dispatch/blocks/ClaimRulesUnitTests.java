package dev.doorstep.dispatch.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.DomainError;
import dev.doorstep.dispatch.errors.Rejected;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimRulesUnitTests {

    private static final OffsetDateTime MONDAY_EIGHT = OffsetDateTime.of(2030, 5, 6, 8, 0, 0, 0, ZoneOffset.UTC);
    private static final Instant BEFORE = MONDAY_EIGHT.minusDays(1).toInstant();
    private final ClaimRules rules = new ClaimRules(BlockSettings.defaults());

    @Test
    void aDriversRepeatedClaimIsAnsweredAsItWas() {
        Block mine = block("blk_1", MONDAY_EIGHT, 240, BlockStatus.CLAIMED, "drv_1");

        assertThat(ClaimRules.alreadyClaimedBy(mine, "drv_1")).isTrue();
        assertThat(ClaimRules.alreadyClaimedBy(mine, "drv_2")).isFalse();
    }

    @Test
    void aBlockAnotherDriverHoldsIsAlreadyClaimedWhateverItsStatus() {
        Block taken = block("blk_1", MONDAY_EIGHT, 240, BlockStatus.CHECKED_IN, "drv_2");

        assertThat(ClaimRules.unavailable(taken, BEFORE)).map(ClaimRulesUnitTests::reason).contains("ALREADY_CLAIMED");
    }

    @Test
    void aCancelledBlockIsNotOnOffer() {
        Block cancelled = block("blk_1", MONDAY_EIGHT, 240, BlockStatus.CANCELLED, null);

        assertThat(ClaimRules.unavailable(cancelled, BEFORE)).map(ClaimRulesUnitTests::reason).contains("NOT_ON_OFFER");
    }

    @Test
    void aBlockCanBeClaimedUntilTheMomentItStarts() {
        Block offered = block("blk_1", MONDAY_EIGHT, 240, BlockStatus.OFFERED, null);

        assertThat(ClaimRules.unavailable(offered, MONDAY_EIGHT.minusNanos(1).toInstant())).isEmpty();
        assertThat(ClaimRules.unavailable(offered, MONDAY_EIGHT.toInstant())).map(ClaimRulesUnitTests::reason)
                .contains("ALREADY_STARTED");
    }

    @Test
    void aBlockTooCloseToOneHeldIsRejectedAsAnOverlapWithTheTravelGapExplained() {
        Block held = block("blk_1", MONDAY_EIGHT, 120, BlockStatus.CLAIMED, "drv_1");
        Block tooClose = block("blk_2", MONDAY_EIGHT.plusMinutes(140), 60, BlockStatus.OFFERED, null);
        Block afterGap = block("blk_3", MONDAY_EIGHT.plusMinutes(150), 60, BlockStatus.OFFERED, null);

        Rejected rejected = rules.scheduleRefuses(tooClose, List.of(held)).orElseThrow();

        assertThat(rejected.reason()).isEqualTo("OVERLAP");
        assertThat(rejected.getMessage()).contains("30 minutes to travel");
        assertThat(rules.fits(tooClose, List.of(held))).isFalse();
        assertThat(rules.scheduleRefuses(afterGap, List.of(held))).isEmpty();
        assertThat(rules.fits(afterGap, List.of(held))).isTrue();
    }

    @Test
    void aBlockOverTheDailyCapIsRejectedWithTheCapInMinutes() {
        Block morning = block("blk_1", MONDAY_EIGHT.minusHours(2), 300, BlockStatus.CLAIMED, "drv_1");
        Block afternoon = block("blk_2", MONDAY_EIGHT.plusHours(5), 240, BlockStatus.OFFERED, null);

        Rejected rejected = rules.scheduleRefuses(afternoon, List.of(morning)).orElseThrow();

        assertThat(rejected.reason()).isEqualTo("DAILY_CAP");
        assertThat(rejected.getMessage()).contains("480 minutes");
    }

    @Test
    void aBlockOverTheWeeklyCapIsRejectedWithTheCapInMinutes() {
        List<Block> week = List.of(
                block("blk_1", MONDAY_EIGHT, 480, BlockStatus.CLAIMED, "drv_1"),
                block("blk_2", MONDAY_EIGHT.plusDays(1), 480, BlockStatus.CLAIMED, "drv_1"),
                block("blk_3", MONDAY_EIGHT.plusDays(2), 480, BlockStatus.CLAIMED, "drv_1"),
                block("blk_4", MONDAY_EIGHT.plusDays(3), 480, BlockStatus.CLAIMED, "drv_1"),
                block("blk_5", MONDAY_EIGHT.plusDays(4), 480, BlockStatus.CLAIMED, "drv_1"));
        Block saturday = block("blk_6", MONDAY_EIGHT.plusDays(5), 60, BlockStatus.OFFERED, null);

        Rejected rejected = rules.scheduleRefuses(saturday, week).orElseThrow();

        assertThat(rejected.reason()).isEqualTo("WEEKLY_CAP");
        assertThat(rejected.getMessage()).contains("2400 minutes");
    }

    @Test
    void theWonBlockIsClaimedByTheDriver() {
        Block won = ClaimRules.claimed(block("blk_1", MONDAY_EIGHT, 240, BlockStatus.OFFERED, null), "drv_1");

        assertThat(won.status()).isEqualTo(BlockStatus.CLAIMED);
        assertThat(won.driverId()).isEqualTo("drv_1");
    }

    private static String reason(DomainError error) {
        return ((Conflict) error).reason();
    }

    private static Block block(String id, OffsetDateTime start, int minutes, BlockStatus status, String driverId) {
        return new Block(id, "st_1", "UTC", start, start.plusMinutes(minutes), minutes, null, null, status, driverId,
                null);
    }
}
