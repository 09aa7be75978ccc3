package dev.doorstep.notifications.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.cluster.SlotHash;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StreamPartitionsUnitTests {

    @Test
    void onePartitionIsTheOneStreamKeyAsOnASingleRedis() {
        StreamPartitions one = new StreamPartitions(1);
        assertThat(one.keys("doorstep:events")).containsExactly("doorstep:events");
        assertThat(one.keyOf("doorstep:events", "rte_1")).isEqualTo("doorstep:events");
    }

    @Test
    void anAggregatesEventsAlwaysGoToTheSamePartitionAndAggregatesSpreadOverAll() {
        StreamPartitions twelve = new StreamPartitions(12);
        List<String> keys = twelve.keys("doorstep:events");
        assertThat(keys).hasSize(12).contains("doorstep:events:{0}", "doorstep:events:{11}");
        assertThat(twelve.keyOf("doorstep:events", "rte_42")).isEqualTo(twelve.keyOf("doorstep:events", "rte_42"));
        Set<String> used = new HashSet<>();
        IntStream.range(0, 1000).forEach(i -> used.add(twelve.keyOf("doorstep:events", "pkg_" + i)));
        assertThat(used).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void partitionsLieInDifferentClusterSlots() {
        List<String> keys = new StreamPartitions(12).keys("doorstep:events");
        assertThat(keys.stream().map(SlotHash::getSlot).distinct()).hasSize(12);
    }

    @Test
    void noPartitionIsRefused() {
        assertThatThrownBy(() -> new StreamPartitions(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partitions");
    }
}
