package dev.doorstep.tracking.ingest;

import io.lettuce.core.ClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * While Redis is away, commands fail at once instead of queueing without bound (the phone keeps its pings
 * and retries); the queue of commands in flight is bounded too. Lettuce reconnects by itself.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientOptions {

    private static final Logger log = LoggerFactory.getLogger(RedisClientOptions.class);

    @Bean
    LettuceClientOptionsBuilderCustomizer boundedRedisQueue(IngestSettings settings) {
        return options -> options
                .autoReconnect(true)
                .requestQueueSize(settings.redisRequestQueue())
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * Spring Data opens its shared Redis connection on first use and waits for it; doing that at startup keeps
     * the wait off the event loop (afterwards Lettuce reconnects the same connection in the background).
     */
    @Bean
    SmartInitializingSingleton openRedisConnectionAtStartup(ReactiveRedisConnectionFactory redis) {
        return () -> {
            try {
                redis.getReactiveConnection().closeLater().subscribe();
            } catch (RuntimeException e) {
                log.warn("Redis is not reachable at startup; it will be connected on first use: {}", e.getMessage());
            }
        };
    }
}
