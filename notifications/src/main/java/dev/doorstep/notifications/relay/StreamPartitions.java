package dev.doorstep.notifications.relay;

import java.util.List;
import java.util.stream.IntStream;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the event stream is laid over Redis keys. With one partition it is the one key
 * {@code doorstep.notifications.relay.stream} ({@code doorstep:events}), as on a single Redis; with more, key
 * {@code <stream>:{<n>}} holds partition n, each in its own hash slot so that a Redis Cluster spreads them over
 * its shards. An aggregate's events always go to the same partition, so they stay in order.
 *
 * @param partitions number of stream keys; the same on every node (change it only with the stream drained)
 */
@ConfigurationProperties("doorstep.notifications.stream")
public record StreamPartitions(int partitions) {

    public StreamPartitions {
        if (partitions < 1) {
            throw new IllegalArgumentException("doorstep.notifications.stream.partitions must be 1 or more");
        }
    }

    /** Every key of the stream, partition 0 first. */
    public List<String> keys(String stream) {
        return partitions == 1 ? List.of(stream)
                : IntStream.range(0, partitions).mapToObj(n -> stream + ":{" + n + "}").toList();
    }

    /** The key of the partition that holds the aggregate's events. */
    public String keyOf(String stream, String aggregateId) {
        return partitions == 1 ? stream : stream + ":{" + Math.floorMod(aggregateId.hashCode(), partitions) + "}";
    }
}
