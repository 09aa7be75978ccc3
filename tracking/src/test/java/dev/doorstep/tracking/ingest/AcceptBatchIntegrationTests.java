package dev.doorstep.tracking.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.tracking.live.LiveKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * accept-batch.lua on a real redis-server, called as {@link PingStore} calls it: one driver's trail and latest
 * position, pings as (index, ts, lat, lon, stored form). Times are fixed instants: the script only compares them.
 */
class AcceptBatchIntegrationTests {

    private static final String DRIVER = "drv_lua";
    private static final String TRAIL = LiveKeys.trail(DRIVER);
    private static final String LATEST = LiveKeys.latest(DRIVER);
    private static final long T0 = 1_767_000_000_000L;
    /** 150 km/h, as the default max-speed-kmh. */
    private static final double MAX_SPEED = 150 / 3.6;
    private static final long TTL = 3_600_000;

    private static RedisServer server;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static RedisCommands<String, String> redis;
    private static String script;

    private int trailMaxSize = 100;
    private long cutoff = T0 - TTL;

    /** One ping of a batch: its place in the batch, time and position. */
    private record Ping(int index, long ts, double lat, double lon) {

        String stored() {
            return LiveKeys.encode(ts, lat, lon, 5.0, null, null, null, null);
        }
    }

    /** The script's answer. */
    private record Answer(int accepted, int duplicates, List<Integer> flagged, boolean moved, String newest) {
    }

    @BeforeAll
    static void startRedis() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").onShutdownForceStop(true).build();
        server.start();
        client = RedisClient.create("redis://127.0.0.1:" + port);
        connection = client.connect();
        redis = connection.sync();
        try (InputStream in = PingStore.class.getResourceAsStream("accept-batch.lua")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void stopRedis() throws IOException {
        connection.close();
        client.shutdown();
        server.stop();
    }

    @BeforeEach
    void emptyDriver() {
        redis.del(TRAIL, LATEST);
    }

    @Test
    void aBatchInOrderIsStoredWholeAndMovesTheLivePositionToItsNewestPing() {
        Answer answer = accept(at(0, 0), at(1, 10), at(2, 20));
        assertThat(answer).isEqualTo(new Answer(3, 0, List.of(), true, at(2, 20).stored()));
        assertThat(redis.get(LATEST)).isEqualTo(at(2, 20).stored());
        assertThat(redis.zrange(TRAIL, 0, -1)).containsExactly(at(0, 0).stored() + "|0", at(1, 10).stored() + "|0",
                at(2, 20).stored() + "|0");
        assertThat(redis.pttl(LATEST)).isBetween(1L, TTL);
        assertThat(redis.pttl(TRAIL)).isBetween(1L, TTL);
    }

    @Test
    void aBatchOutOfOrderIsStoredInTimeOrder() {
        Answer answer = accept(at(0, 20), at(1, 0), at(2, 10));
        assertThat(answer.accepted()).isEqualTo(3);
        assertThat(answer.newest()).isEqualTo(at(0, 20).stored());
        assertThat(redis.zrange(TRAIL, 0, -1)).containsExactly(at(1, 0).stored() + "|0", at(2, 10).stored() + "|0",
                at(0, 20).stored() + "|0");
    }

    @Test
    void pingOlderThanLatestNeverMovesTheLivePosition() {
        accept(at(0, 60));
        Answer late = accept(at(0, 30));
        assertThat(late.accepted()).isOne();
        assertThat(late.moved()).isFalse();
        assertThat(redis.get(LATEST)).isEqualTo(at(0, 60).stored());
        assertThat(redis.zcard(TRAIL)).isEqualTo(2);
    }

    @Test
    void aResentBatchIsAllDuplicatesAndChangesNothing() {
        accept(at(0, 0), at(1, 10));
        Answer again = accept(at(0, 0), at(1, 10));
        assertThat(again).isEqualTo(new Answer(0, 2, List.of(), false, ""));
        assertThat(redis.zcard(TRAIL)).isEqualTo(2);
    }

    @Test
    void twoPingsOfOneTimeInABatchCountOnce() {
        Answer answer = accept(at(0, 0), at(1, 10), new Ping(2, T0 + 10_000, 47.6001, -122.3001));
        assertThat(answer.accepted()).isEqualTo(2);
        assertThat(answer.duplicates()).isOne();
        assertThat(redis.zcard(TRAIL)).isEqualTo(2);
    }

    @Test
    void aPingThatImpliesAnImpossibleSpeedIsFlaggedKeptOutOfTheLivePositionAndNotUsedAsTheNextReference() {
        // 0.5 degrees of latitude (about 55 km) in 10 seconds, then back near the start 10 seconds later.
        Ping jump = new Ping(1, T0 + 10_000, 48.1, -122.3);
        Ping back = at(2, 20);
        Answer answer = accept(at(0, 0), jump, back);
        assertThat(answer.flagged()).containsExactly(1);
        assertThat(answer.accepted()).isEqualTo(3);
        assertThat(answer.newest()).isEqualTo(back.stored());
        assertThat(redis.zrange(TRAIL, 0, -1)).contains(jump.stored() + "|1", back.stored() + "|0");
    }

    @Test
    void aJumpAloneInItsBatchIsFlaggedAgainstTheStoredTrailAndLeavesTheLivePositionWhereItWas() {
        accept(at(0, 0));
        Answer answer = accept(new Ping(0, T0 + 10_000, 48.1, -122.3));
        assertThat(answer.flagged()).containsExactly(0);
        assertThat(answer.moved()).isFalse();
        assertThat(redis.get(LATEST)).isEqualTo(at(0, 0).stored());
    }

    @Test
    void theTrailKeepsOnlyItsNewestPingsUpToItsSize() {
        trailMaxSize = 3;
        accept(at(0, 0), at(1, 10), at(2, 20), at(3, 30), at(4, 40));
        assertThat(redis.zrange(TRAIL, 0, -1)).containsExactly(at(2, 20).stored() + "|0", at(3, 30).stored() + "|0",
                at(4, 40).stored() + "|0");
    }

    @Test
    void pingsOlderThanTheCutoffLeaveTheTrail() {
        accept(at(0, 0), at(1, 10));
        cutoff = T0 + 15_000;
        accept(at(0, 20));
        assertThat(redis.zrange(TRAIL, 0, -1)).containsExactly(at(0, 20).stored() + "|0");
    }

    @Test
    void aMoveIsPublishedOnTheDriversChannelWithTheMessagePrefix() throws InterruptedException {
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub()) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    heard.add(channel + " " + message);
                }
            });
            sub.sync().subscribe(LiveKeys.channel(DRIVER));
            accept(at(0, 0));
            assertThat(heard.poll(5, TimeUnit.SECONDS))
                    .isEqualTo(LiveKeys.channel(DRIVER) + " " + prefix() + at(0, 0).stored());
            accept(new Ping(0, T0 - 10_000, 47.6, -122.3));
            accept(at(0, 0));
            // Neither an older ping nor a resent one moved the position: the next message is the next move.
            accept(at(0, 10));
            assertThat(heard.poll(5, TimeUnit.SECONDS)).endsWith(at(0, 10).stored());
        }
    }

    @Test
    void withNoChannelTheMoveIsStoredAndNotPublished() throws InterruptedException {
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub()) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String pattern, String channel, String message) {
                    heard.add(channel + " " + message);
                }
            });
            sub.sync().psubscribe("*");
            // On a Redis Cluster PingStore passes no channel and sends the move itself by SPUBLISH.
            Answer answer = acceptOn("", at(0, 0));
            assertThat(answer.moved()).isTrue();
            assertThat(redis.get(LATEST)).isEqualTo(at(0, 0).stored());
            accept(at(0, 10));
            assertThat(heard.poll(5, TimeUnit.SECONDS)).as("only the move with a channel").endsWith(at(0, 10).stored());
            assertThat(heard).isEmpty();
        }
    }

    /** Ping {@code index} at {@code seconds} after T0, about 100 m north per 10 seconds (a drive through town). */
    private static Ping at(int index, int seconds) {
        return new Ping(index, T0 + seconds * 1000L, 47.6 + seconds * 0.0001, -122.3);
    }

    private static String prefix() {
        return DRIVER + "|dsp_1|stn_1|";
    }

    private Answer accept(Ping... pings) {
        return acceptOn(LiveKeys.channel(DRIVER), pings);
    }

    private Answer acceptOn(String channel, Ping... pings) {
        List<String> args = new ArrayList<>(List.of(channel, prefix(), Double.toString(MAX_SPEED),
                Long.toString(cutoff), Integer.toString(trailMaxSize), Long.toString(TTL),
                Integer.toString(pings.length)));
        for (Ping p : pings) {
            args.addAll(List.of(Integer.toString(p.index()), p.stored()));
        }
        String answer = redis.eval(script, ScriptOutputType.VALUE, new String[] {TRAIL, LATEST},
                args.toArray(String[]::new));
        String[] f = answer.split(";", -1);
        List<Integer> flagged = f[2].isEmpty() ? List.of()
                : List.of(f[2].split(",")).stream().map(Integer::valueOf).toList();
        return new Answer(Integer.parseInt(f[0]), Integer.parseInt(f[1]), flagged, "1".equals(f[3]), f[4]);
    }
}
