package dev.doorstep.tracking.live;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubListener;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * How a driver's moves travel from the node that ingested the ping to every node's viewers.
 *
 * <p>On a single Redis the ingest script {@code PUBLISH}es on the driver's channel and every node holds one
 * {@code PSUBSCRIBE}. On a Redis Cluster both would go over the cluster bus to every shard, so there the script
 * publishes nothing and the move is sent with sharded pub/sub ({@code SPUBLISH}, Redis 7) on one of
 * {@link #SHARD_CHANNELS} shard channels chosen by driver; each channel lives on the shard of its slot and every
 * node {@code SSUBSCRIBE}s all of them, so a move reaches one shard and the nodes, never every shard.
 */
@Component
public class LiveFanOut {

    /** Shard channels on a cluster: enough to spread the moves over the shards of any usual cluster. */
    static final int SHARD_CHANNELS = 16;

    private static final Duration RESUBSCRIBE_EVERY = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(LiveFanOut.class);

    private static final HotRedis.Script SPUBLISH = HotRedis.Script.of(
            "return redis.call('SPUBLISH', KEYS[1], ARGV[1])");

    private final ReactiveStringRedisTemplate redis;
    private final HotRedis hot;
    private final LettuceConnectionFactory cluster;

    LiveFanOut(ReactiveStringRedisTemplate redis, HotRedis hot, ReactiveRedisConnectionFactory factory) {
        this.redis = redis;
        this.hot = hot;
        this.cluster = factory instanceof LettuceConnectionFactory lettuce && lettuce.isClusterAware() ? lettuce : null;
    }

    /** Whether moves go by sharded pub/sub (Redis Cluster) rather than by the ingest script's PUBLISH. */
    public boolean sharded() {
        return cluster != null;
    }

    /** The channel the ingest script publishes a move on; empty when the move goes by {@link #publish}. */
    public String scriptChannel(String driverId) {
        return sharded() ? "" : LiveKeys.channel(driverId);
    }

    /** Sends a move the ingest script did not publish (on a cluster); nothing to do on a single Redis. */
    public Mono<Void> publish(String driverId, String message) {
        if (!sharded()) {
            return Mono.empty();
        }
        // A script whose one key is the channel: the cluster connection routes it to the shard of the channel's slot.
        return hot.eval(SPUBLISH, ScriptOutputType.INTEGER, new String[] {shardChannel(driverId)}, message).then();
    }

    /** The shard channel of a driver's moves on a cluster. */
    static String shardChannel(String driverId) {
        return "live:{live-" + Math.floorMod(driverId.hashCode(), SHARD_CHANNELS) + "}";
    }

    static List<String> shardChannels() {
        return IntStream.range(0, SHARD_CHANNELS).mapToObj(i -> "live:{live-" + i + "}").toList();
    }

    /** Every move published by any node, as long as the subscriber stays; opening waits, so not on the event loop. */
    Flux<String> moves() {
        Flux<String> moves = sharded() ? shardedMoves()
                : Flux.defer(() -> redis.listenToPattern(LiveKeys.CHANNEL_PATTERN)).map(m -> m.getMessage());
        return moves.subscribeOn(Schedulers.boundedElastic());
    }

    private Flux<String> shardedMoves() {
        return Flux.usingWhen(Mono.fromCallable(this::connectPubSub),
                connection -> Flux.<String>create(sink -> {
                    RedisClusterPubSubListener<String, String> listener = new RedisClusterPubSubAdapter<>() {
                        @Override
                        public void smessage(RedisClusterNode node, String channel, String message) {
                            sink.next(message);
                        }
                    };
                    connection.addListener(listener);
                    // Lettuce does not move a sharded subscription when its slot gets a new master (a failover):
                    // subscribe again after each topology change and every few seconds anyway (on a node that
                    // already has the channel it changes nothing), or the moves of a channel would stop.
                    Disposable resubscribing = Flux.merge(Flux.interval(RESUBSCRIBE_EVERY),
                                    cluster.getNativeClient().getResources().eventBus().get()
                                            .filter(ClusterTopologyChangedEvent.class::isInstance))
                            .onBackpressureDrop()
                            .concatMap(tick -> subscribeAll(connection).onErrorResume(e -> {
                                log.debug("Shard channels not subscribed again yet: {}", e.toString());
                                return Mono.empty();
                            }), 1)
                            .subscribe();
                    Disposable subscribing = subscribeAll(connection).subscribe(null, sink::error);
                    // A sink keeps one onDispose callback: all three in one.
                    sink.onDispose(Disposables.composite(() -> connection.removeListener(listener), resubscribing,
                            subscribing));
                }),
                connection -> Mono.fromCompletionStage(connection.closeAsync()));
    }

    /**
     * One SSUBSCRIBE per channel (Redis refuses channels of several slots in one command); each is tried even when
     * another fails (its master is away), then the first failure is reported.
     */
    private static Mono<Void> subscribeAll(StatefulRedisClusterPubSubConnection<String, String> connection) {
        return Flux.fromIterable(shardChannels())
                .concatMapDelayError(channel -> connection.reactive().ssubscribe(channel))
                .then();
    }

    private StatefulRedisClusterPubSubConnection<String, String> connectPubSub() {
        RedisClusterClient client = (RedisClusterClient) cluster.getNativeClient();
        client.getPartitions();
        return client.connectPubSub(StringCodec.UTF8);
    }
}
