package dev.doorstep.tracking.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import reactor.core.publisher.Mono;
import redis.embedded.RedisServer;

/**
 * The request paths' own Redis connection on a real redis-server: scripts run whether or not Redis already holds
 * them, a script's failure stays a failure, and an outage becomes {@link LiveStoreUnavailable} as it did through
 * Spring Data's template.
 */
class HotRedisIntegrationTests {

    private static final HotRedis.Script COUNT = HotRedis.Script.of(
            "return {redis.call('INCR', KEYS[1]), tonumber(ARGV[1])}");

    private RedisServer server;
    private LettuceConnectionFactory factory;
    private HotRedis redis;

    @BeforeEach
    void start() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").onShutdownForceStop(true).build();
        server.start();
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(Duration.ofSeconds(2))
                .clientOptions(ClientOptions.builder()
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build())
                .build();
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port), client);
        factory.afterPropertiesSet();
        factory.start();
        redis = new HotRedis(factory);
    }

    @AfterEach
    void stop() throws IOException {
        redis.stop();
        factory.destroy();
        if (server.isActive()) {
            server.stop();
        }
    }

    @Test
    void aScriptRunsOnAFreshRedisAndThenByItsShaAlone() {
        // A fresh server does not know the script: EVALSHA is refused (NOSCRIPT) and EVAL loads it.
        assertThat(redis.<List<Long>>eval(COUNT, ScriptOutputType.MULTI, new String[] {"k"}, "7").block())
                .containsExactly(1L, 7L);
        assertThat(redis.mono(c -> c.scriptExists(COUNT.sha1()).next()).block()).isTrue();
        assertThat(redis.<List<Long>>eval(COUNT, ScriptOutputType.MULTI, new String[] {"k"}, "8").block())
                .containsExactly(2L, 8L);
        // The SHA-1 computed up front is Redis' own.
        assertThat(redis.mono(c -> c.scriptLoad(COUNT.source())).block()).isEqualTo(COUNT.sha1());
    }

    @Test
    void connectsOnFirstUseWhenStartupDidNotAndAnswersInKeyOrder() {
        redis.mono(c -> c.set("a", "1")).block();
        redis.mono(c -> c.set("c", "3")).block();
        assertThat(redis.flux(c -> c.mget("a", "b", "c")).map(kv -> kv.getValueOrElse("-")).collectList().block())
                .containsExactly("1", "-", "3");
    }

    @Test
    void aScriptFailureIsNoOutage() {
        redis.mono(c -> c.set("k", "not a number")).block();
        Throwable error = failure(redis.eval(COUNT, ScriptOutputType.MULTI, new String[] {"k"}, "1"));
        assertThat(error).isInstanceOf(RedisSystemException.class);
        assertThat(LiveStoreUnavailable.ifOutage(error)).isSameAs(error);
    }

    @Test
    void redisAwayIsAnOutage() throws IOException {
        redis.start();
        assertThat(redis.mono(c -> c.ping()).block()).isEqualTo("PONG");
        server.stop();
        Throwable error = failure(redis.mono(c -> c.get("k")));
        assertThat(LiveStoreUnavailable.ifOutage(error)).isInstanceOf(LiveStoreUnavailable.class);
    }

    private static Throwable failure(Mono<?> call) {
        return call.then(Mono.<Throwable>empty()).onErrorResume(Mono::just)
                .switchIfEmpty(Mono.error(new AssertionError("the call did not fail")))
                .block(Duration.ofSeconds(10));
    }
}
