package dev.doorstep.notifications.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RelayAppendUnitTests {

    private static final RelaySettings SETTINGS = new RelaySettings(true, Duration.ofMillis(100), 500, "doorstep:events",
            1_000_000);
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aBatchOnOnePartitionIsOneScriptCallWithEveryEventInOutboxOrder() {
        List<OutboxEvent> events = IntStream.range(0, 300)
                .mapToObj(i -> new OutboxEvent(100 + i, "BlockOffered", "blk_" + i, "{\"n\":" + i + "}", AT))
                .toList();

        Map<String, List<String>> calls = EventStream.appendArgs(events, new StreamPartitions(1), SETTINGS);

        assertThat(calls).containsOnlyKeys("doorstep:events");
        List<String> args = calls.get("doorstep:events");
        assertThat(args).hasSize(1 + 5 * 300);
        assertThat(args.get(0)).isEqualTo("1000000");
        assertThat(args.subList(1, 6)).containsExactly("100", "BlockOffered", "blk_0", "{\"n\":0}", AT.toString());
        assertThat(IntStream.range(0, 300).mapToObj(i -> args.get(1 + 5 * i))).isSorted()
                .containsExactlyElementsOf(IntStream.range(0, 300).mapToObj(i -> Long.toString(100 + i)).toList());
    }

    @Test
    void overSeveralPartitionsEachGetsOneCallWithItsAggregatesEventsInOrder() {
        StreamPartitions three = new StreamPartitions(3);
        List<OutboxEvent> events = IntStream.range(0, 60)
                .mapToObj(i -> new OutboxEvent(i, "PackageDelivered", "pkg_" + (i % 7), "{}", AT)).toList();

        Map<String, List<String>> calls = EventStream.appendArgs(events, three, SETTINGS);

        assertThat(calls.keySet()).isSubsetOf(three.keys("doorstep:events")).hasSizeGreaterThan(1);
        assertThat(calls.values().stream().mapToInt(args -> (args.size() - 1) / 5).sum()).isEqualTo(60);
        calls.forEach((key, args) -> {
            List<Long> ids = IntStream.range(0, (args.size() - 1) / 5)
                    .mapToObj(i -> Long.parseLong(args.get(1 + 5 * i))).toList();
            assertThat(ids).isSorted();
            IntStream.range(0, ids.size()).forEach(i ->
                    assertThat(three.keyOf("doorstep:events", args.get(3 + 5 * i))).isEqualTo(key));
        });
    }
}
