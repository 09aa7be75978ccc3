package dev.doorstep.api.driver;

import dev.doorstep.api.problems.RateLimited;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A token bucket per driver in Redis, taken in one Lua script so that every app node shares it and two
 * nodes cannot both spend the last token. The script reads Redis' own clock, so nodes' clocks may drift.
 */
@Component
class DriverRateLimit {

    private static final RedisScript<List<Long>> TAKE = RedisScript.of("""
            redis.replicate_commands()
            local burst = tonumber(ARGV[1])
            local refill_ms = tonumber(ARGV[2])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or burst
            local at = tonumber(state[2]) or now
            tokens = math.min(burst, tokens + math.max(0, now - at) / refill_ms)
            local wait_ms = 0
            if tokens >= 1 then
              tokens = tokens - 1
            else
              wait_ms = math.ceil((1 - tokens) * refill_ms)
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst * refill_ms) + 1000)
            return {wait_ms == 0 and 1 or 0, wait_ms}
            """, listOfLongs());

    private final ReactiveStringRedisTemplate redis;
    private final RateLimitSettings settings;

    DriverRateLimit(ReactiveStringRedisTemplate redis, RateLimitSettings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    @SuppressWarnings("unchecked")
    private static Class<List<Long>> listOfLongs() {
        return (Class<List<Long>>) (Class<?>) List.class;
    }

    /** Completes when the driver may go on; fails with {@link RateLimited} past its budget. */
    Mono<Void> admit(String driverId) {
        // The hash tag keeps a driver's keys on one shard of a Redis Cluster.
        String key = "doorstep:rate:{" + driverId + "}";
        return redis.execute(TAKE, List.of(key),
                        List.of(settings.burst().toString(), Long.toString(settings.refillEvery().toMillis())))
                // Lettuce opens its first connection with a blocking wait: never on the event loop.
                .subscribeOn(Schedulers.boundedElastic())
                .next()
                .flatMap(answer -> answer.get(0) == 1L ? Mono.empty()
                        : Mono.error(new RateLimited(Math.max(1, (answer.get(1) + 999) / 1000))));
    }
}
