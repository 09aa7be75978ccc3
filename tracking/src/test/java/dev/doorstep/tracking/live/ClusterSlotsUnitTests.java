package dev.doorstep.tracking.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The key layout a Redis Cluster needs: one script's keys in one slot, the load spread over many. */
class ClusterSlotsUnitTests {

    @Test
    void theIngestScriptsKeysAndChannelShareTheDriversSlot() {
        String driver = "drv_0123456789abcdef";
        int slot = SlotHash.getSlot(LiveKeys.trail(driver));
        assertThat(SlotHash.getSlot(LiveKeys.latest(driver))).isEqualTo(slot);
        assertThat(SlotHash.getSlot(LiveKeys.channel(driver))).isEqualTo(slot);
        assertThat(SlotHash.getSlot(LiveKeys.trail("drv_other"))).isNotEqualTo(slot);
    }

    @Test
    void shardChannelsLieInSixteenSlotsAndEveryDriverHasOne() {
        assertThat(LiveFanOut.shardChannels().stream().map(SlotHash::getSlot).distinct())
                .hasSize(LiveFanOut.SHARD_CHANNELS);
        Set<String> used = new HashSet<>();
        IntStream.range(0, 1000).forEach(i -> used.add(LiveFanOut.shardChannel("drv_" + i)));
        assertThat(used).containsExactlyInAnyOrderElementsOf(LiveFanOut.shardChannels());
    }
}
