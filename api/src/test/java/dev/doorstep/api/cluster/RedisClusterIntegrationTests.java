package dev.doorstep.api.cluster;

import static dev.doorstep.api.support.Fleet.batch;
import static dev.doorstep.api.support.Fleet.ping;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Fleet;
import dev.doorstep.api.support.SecondNode;
import dev.doorstep.dispatch.outbox.EventType;
import dev.doorstep.dispatch.outbox.EventTypes;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.notifications.relay.EventStream;
import dev.doorstep.notifications.relay.OutboxRelay;
import dev.doorstep.tracking.live.LiveKeys;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An app node on a real Redis Cluster (three masters, three replicas, {@link RedisCluster}) beside the shared
 * test app, whose PostgreSQL and tokens it shares: ingest and live fan-out, events over stream partitions, and a
 * master killed under ingest (the figures go to bench/README.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterIntegrationTests extends ApiIntegrationTest {

    private static final int PARTITIONS = 6;

    private RedisCluster cluster;
    private SecondNode node;
    private WebTestClient onNode;

    /** Test events, stored in the outbox and read back from the stream partitions. */
    sealed interface ClusterProbe permits Probed {
    }

    @EventType("ClusterProbed")
    record Probed(String aggregate, int seq) implements ClusterProbe {
    }

    @BeforeAll
    void nodeOnACluster() throws IOException, InterruptedException {
        cluster = RedisCluster.start(Path.of("target/redis-cluster"));
        node = SecondNode.start(port, "--spring.data.redis.cluster.nodes=" + cluster.nodes(),
                "--doorstep.notifications.stream.partitions=" + PARTITIONS,
                // This test relays and consumes itself.
                "--doorstep.notifications.relay.enabled=false", "--doorstep.notifications.push.enabled=false");
        onNode = client(node.port());
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theNodeFollowsTheClusterTopologyByItself() {
        ClusterClientOptions options = (ClusterClientOptions) node.bean(LettuceConnectionFactory.class)
                .getClientConfiguration().getClientOptions().orElseThrow();
        assertThat(options.getTopologyRefreshOptions().getAdaptiveRefreshTriggers()).isNotEmpty();
        assertThat(options.getTopologyRefreshOptions().isPeriodicRefreshEnabled()).isTrue();
        assertThat(options.getTopologyRefreshOptions().getAdaptiveRefreshTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(cluster.masters()).isEqualTo(3);
    }

    @Test
    void pingsAreStoredOnTheClusterAndReachALiveViewerBySharedPubSub() {
        String ops = opsToken();
        String dsp = createDsp(ops);
        String station = createStation(ops);
        List<String> drivers = IntStream.range(0, 3).mapToObj(i -> Fleet.driver(http, ops, dsp, station)).toList();
        // Two drivers already on the map: the viewer's snapshot reads their positions from several slots.
        for (String driver : drivers.subList(1, 3)) {
            sendPing(driver, Instant.now(), 47.6).expectStatus().isOk();
        }
        RedisAdvancedClusterCommands<String, String> redis = cluster.connection().sync();
        assertThat(redis.get(LiveKeys.latest(drivers.get(1)))).isNotNull();

        String moving = drivers.get(0);
        // A second viewer that stays: the node's subscription lasts as long as it has a viewer.
        Disposable staying = onNode.get().uri("/v1/dsp/live").headers(h -> h.setBearerAuth(dispatcherToken(dsp)))
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody().subscribe();
        List<Map<String, Object>> seen = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Map<String, Object>> moveSeen = onNode.get().uri("/v1/dsp/live")
                .headers(h -> h.setBearerAuth(dispatcherToken(dsp))).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .getResponseBody()
                .filter(e -> "position".equals(e.event()))
                .map(ServerSentEvent::data)
                .doOnNext(seen::add)
                .filter(p -> moving.equals(p.get("driverId")))
                .next().toFuture();
        Map<String, Object> move = pingUntilSeen(moving, moveSeen);

        assertThat(move).as("a move of the driver on the live stream").isNotNull();
        assertThat(seen).extracting(p -> p.get("driverId")).contains(drivers.get(1), drivers.get(2));
        assertThat(redis.zcard(LiveKeys.trail(moving))).isPositive();
        // The node's subscription is sharded: the driver's shard channel has a subscriber on the master of its slot,
        // and no node holds a pattern subscription (which every shard would have to serve).
        String channel = shardChannel(moving);
        try {
            assertThat(cluster.connection().getConnection("127.0.0.1", cluster.masterOf(channel)).sync()
                    .pubsubShardNumsub(channel).get(channel)).isPositive();
            assertThat(cluster.connection().sync().upstream().commands().pubsubNumpat()).containsOnly(0L);
        } finally {
            staying.dispose();
        }
    }

    @Test
    void eventsAreRelayedOverThePartitionsAndConsumedInOrderPerAggregate() {
        Outbox outbox = node.bean(Outbox.class);
        EventStream stream = node.bean(EventStream.class);
        String run = unique();
        List<String> aggregates = IntStream.range(0, 40).mapToObj(i -> "agg-" + run + "-" + i).toList();
        Flux.range(0, 5).concatMap(seq -> Flux.fromIterable(aggregates)
                .concatMap(a -> outbox.append(a, new Probed(a, seq)))).blockLast();
        node.bean(OutboxRelay.class).relayAll().block();

        Map<String, List<Integer>> consumed = new HashMap<>();
        String group = "cluster-test-" + run;
        Disposable consumer = stream.consume(new EventStream.Consumption(group, "c1", Duration.ofMillis(50), 100, 1,
                Duration.ofSeconds(30), 5), EventTypes.of(ClusterProbe.class), event -> Mono.fromRunnable(() -> {
                    Probed p = (Probed) event.event();
                    synchronized (consumed) {
                        consumed.computeIfAbsent(p.aggregate(), a -> new ArrayList<>()).add(p.seq());
                    }
                }));
        try {
            await(() -> {
                synchronized (consumed) {
                    return aggregates.stream().allMatch(a -> consumed.getOrDefault(a, List.of()).size() >= 5);
                }
            }, "every event of the run consumed");
            await(() -> stream.pendingCount(group).block() == 0, "every entry acknowledged");
        } finally {
            consumer.dispose();
        }
        aggregates.forEach(a -> assertThat(consumed.get(a)).as(a).containsExactly(0, 1, 2, 3, 4));

        // Each aggregate's events lie in one partition, and the run's aggregates spread over every partition.
        RedisAdvancedClusterCommands<String, String> redis = cluster.connection().sync();
        Map<String, Set<String>> partitionsOf = new HashMap<>();
        for (String key : stream.keys()) {
            redis.xrange(key, io.lettuce.core.Range.create("-", "+")).stream()
                    .filter(m -> m.getBody().getOrDefault("aggregate", "").startsWith("agg-" + run))
                    .forEach(m -> partitionsOf.computeIfAbsent(m.getBody().get("aggregate"), a -> new HashSet<>())
                            .add(key));
        }
        assertThat(stream.keys()).hasSize(PARTITIONS);
        assertThat(partitionsOf).hasSize(aggregates.size()).allSatisfy((a, keys) -> assertThat(keys).hasSize(1));
        assertThat(partitionsOf.values().stream().flatMap(Set::stream).distinct()).hasSize(PARTITIONS);
    }

    /**
     * Kills (-9) the master that holds a driver's keys while pings come in one after another, and measures how long
     * ingest answers 503 and how many acknowledged pings the promoted replica lacks. Runs last: it leaves the
     * cluster with a master fewer.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aMasterKilledUnderIngestFailsOverAndKeepsTheAcknowledgedPings() throws InterruptedException {
        String ops = opsToken();
        String dsp = createDsp(ops);
        String station = createStation(ops);
        // A driver whose shard channel lives on the same master as its keys: the kill takes both away.
        String candidate = Fleet.driver(http, ops, dsp, station);
        for (int i = 0; i < 30 && cluster.masterOf(shardChannel(candidate)) != cluster.masterOf(LiveKeys.trail(candidate));
                i++) {
            candidate = Fleet.driver(http, ops, dsp, station);
        }
        String driver = candidate;
        int master = cluster.masterOf(LiveKeys.trail(driver));
        assertThat(cluster.masterOf(shardChannel(driver))).isEqualTo(master);
        CompletableFuture<Map<String, Object>> afterFailover = new CompletableFuture<>();
        List<Long> acknowledged = new ArrayList<>();
        AtomicReference<Instant> recovered = new AtomicReference<>();
        Disposable viewer = onNode.get().uri("/v1/dsp/live")
                .headers(h -> h.setBearerAuth(dispatcherToken(dsp))).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .getResponseBody()
                .filter(e -> "position".equals(e.event()) && recovered.get() != null)
                .subscribe(e -> afterFailover.complete(e.data()));

        int refused = 0;
        Instant killedAt = null;
        Instant start = Instant.now();
        Instant stopAt = start.plus(Duration.ofSeconds(60));
        for (int i = 0; Instant.now().isBefore(stopAt); i++) {
            if (killedAt == null && Duration.between(start, Instant.now()).toMillis() > 3000) {
                cluster.kill(master);
                killedAt = Instant.now();
            }
            Instant ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            int status = sendPing(driver, ts, 47.6 + i * 0.000001).expectBody(Map.class).returnResult().getStatus()
                    .value();
            if (status == 200) {
                acknowledged.add(ts.toEpochMilli());
                if (killedAt != null && recovered.get() == null) {
                    recovered.set(Instant.now());
                    stopAt = recovered.get().plus(Duration.ofSeconds(3));
                }
            } else {
                assertThat(status).as("while the master is away").isEqualTo(503);
                refused++;
            }
            Thread.sleep(5);
        }
        assertThat(recovered.get()).as("ingest recovered after the failover").isNotNull();
        Map<String, Object> liveAfter;
        try {
            liveAfter = afterFailover.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            liveAfter = null;
        } finally {
            viewer.dispose();
        }

        cluster.awaitOk();
        cluster.reconnect();
        RedisAdvancedClusterCommands<String, String> redis = cluster.connection().sync();
        long lost = acknowledged.stream().filter(ts -> redis.zcount(LiveKeys.trail(driver),
                io.lettuce.core.Range.create(ts, ts)) == 0).count();
        long recoveryMs = Duration.between(killedAt, recovered.get()).toMillis();
        System.out.printf("Redis Cluster failover under ingest (kill -9 of the driver's master, cluster-node-timeout "
                + "%d ms): ingest answered 503 for %d ms (%d pings refused, to be resent by the phone); "
                + "acknowledged pings %d, acknowledged pings lost %d%n", RedisCluster.NODE_TIMEOUT.toMillis(),
                recoveryMs, refused, acknowledged.size(), lost);
        assertThat(lost).as("acknowledged pings missing after the failover").isZero();
        assertThat(recoveryMs).as("time to recover").isLessThan(30_000);
        assertThat(liveAfter).as("a move on the live stream that stayed open over the failover").isNotNull();
    }

    /** The shard channel of a driver's moves, as LiveFanOut names it. */
    private static String shardChannel(String driverId) {
        return "live:{live-" + Math.floorMod(driverId.hashCode(), 16) + "}";
    }

    private WebTestClient.ResponseSpec sendPing(String driver, Instant ts, double lat) {
        String token = driverTokens.computeIfAbsent(driver, d -> token(d, "DRIVER"));
        return onNode.post().uri("/v1/driver/pings").headers(h -> h.setBearerAuth(token))
                .bodyValue(batch(List.of(ping(ts, lat, -122.33)))).exchange();
    }

    private final Map<String, String> driverTokens = new HashMap<>();

    /** The node's subscription may still be starting: newer pings until the viewer shows one. */
    private Map<String, Object> pingUntilSeen(String driver, CompletableFuture<Map<String, Object>> seen) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        for (int i = 0; Instant.now().isBefore(deadline); i++) {
            sendPing(driver, Instant.now(), 47.6 + i * 0.00001).expectStatus().isOk();
            try {
                return seen.get(300, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                // not on the stream yet
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return null;
    }

    private static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 30 s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
