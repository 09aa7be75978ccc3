package dev.doorstep.tracking.live;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceExceptionConverter;
import org.springframework.data.redis.core.script.DigestUtils;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The node's own long-lived Lettuce connection for the request paths (ingest, live positions, trails, rate limits).
 *
 * <p>Spring Data's {@code LettuceConnectionFactory.getReactiveConnection()} hands out its shared connection under a
 * lock on every command; two event loops asking at once park on it. This connection is opened once (at startup, or
 * off the event loop on first use when Redis was away then), from the factory's own client, so it has the same
 * address, password, timeouts and client options (a bounded request queue, commands refused while disconnected,
 * reconnection by Lettuce), and on a Redis Cluster it is a cluster connection that routes each command by its key.
 * Lettuce's errors become Spring's, as through the template, so {@link LiveStoreUnavailable#ifOutage} still sees an
 * outage as one.
 */
@Component
public class HotRedis implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HotRedis.class);

    private static final LettuceExceptionConverter TRANSLATE = new LettuceExceptionConverter();

    private final LettuceConnectionFactory factory;
    private volatile StatefulConnection<String, String> connection;
    private volatile RedisClusterReactiveCommands<String, String> commands;
    private volatile boolean running;

    HotRedis(LettuceConnectionFactory factory) {
        this.factory = factory;
    }

    /** A Lua script with its SHA-1 computed once: run by {@code EVALSHA}, loaded by {@code EVAL} when Redis lacks it. */
    public record Script(String source, String sha1) {

        public static Script of(String source) {
            return new Script(source, DigestUtils.sha1DigestAsHex(source));
        }
    }

    /** Opens the connection while the node starts (after the factory, before the web server), so no request waits. */
    @Override
    public void start() {
        running = true;
        try {
            connect();
        } catch (RuntimeException e) {
            log.warn("Redis is not reachable at startup; it will be connected on first use: {}", e.getMessage());
        }
    }

    /** Closes the connection before the factory shuts its client down (the client waits for its connections). */
    @Override
    public void stop() {
        running = false;
        StatefulConnection<String, String> open;
        synchronized (this) {
            open = connection;
            connection = null;
            commands = null;
        }
        if (open != null) {
            open.closeAsync();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started after Spring Data's connection factory (phase 0), stopped before it. */
    @Override
    public int getPhase() {
        return 1;
    }

    /** One command (or a few) on the node's connection. */
    public <T> Mono<T> mono(Function<RedisClusterReactiveCommands<String, String>, Mono<T>> call) {
        RedisClusterReactiveCommands<String, String> ready = commands;
        Mono<T> answer = ready != null ? call.apply(ready) : connectLater().flatMap(call);
        return answer.onErrorMap(HotRedis::translate);
    }

    /** One command answering many elements on the node's connection. */
    public <T> Flux<T> flux(Function<RedisClusterReactiveCommands<String, String>, Flux<T>> call) {
        RedisClusterReactiveCommands<String, String> ready = commands;
        Flux<T> answer = ready != null ? call.apply(ready) : connectLater().flatMapMany(call);
        return answer.onErrorMap(HotRedis::translate);
    }

    /** Runs a script (routed by its first key on a cluster); its one answer. */
    public <T> Mono<T> eval(Script script, ScriptOutputType type, String[] keys, String... args) {
        return mono(c -> c.<T>evalsha(script.sha1(), type, keys, args).next()
                .onErrorResume(RedisNoScriptException.class, e -> c.<T>eval(script.source(), type, keys, args).next()));
    }

    private Mono<RedisClusterReactiveCommands<String, String>> connectLater() {
        // Opening a connection waits for it: never on the event loop.
        return Mono.fromCallable(this::connect).subscribeOn(Schedulers.boundedElastic());
    }

    private synchronized RedisClusterReactiveCommands<String, String> connect() {
        if (commands == null) {
            AbstractRedisClient client = factory.getNativeClient();
            if (client instanceof RedisClusterClient cluster) {
                StatefulRedisClusterConnection<String, String> opened = cluster.connect(StringCodec.UTF8);
                connection = opened;
                commands = opened.reactive();
            } else {
                StatefulRedisConnection<String, String> opened = ((RedisClient) client).connect(StringCodec.UTF8);
                connection = opened;
                commands = opened.reactive();
            }
        }
        return commands;
    }

    private static Throwable translate(Throwable error) {
        if (error instanceof Exception e) {
            DataAccessException translated = TRANSLATE.convert(e);
            if (translated != null) {
                return translated;
            }
        }
        // A command in flight when the connection broke (Redis went away) fails with the socket's error: an outage.
        return error instanceof IOException ? new RedisConnectionFailureException("Redis connection lost", error)
                : error;
    }
}
