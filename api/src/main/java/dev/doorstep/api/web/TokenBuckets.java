package dev.doorstep.api.web;

import dev.doorstep.api.problems.RateLimited;
import dev.doorstep.tracking.live.HotRedis;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis, taken in one Lua script so that every app node shares them and two nodes cannot both
 * spend the last token. The script reads Redis' own clock, so nodes' clocks may drift.
 */
@Component
public class TokenBuckets {

    private static final HotRedis.Script TAKE = HotRedis.Script.of("""
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
            """);

    private final HotRedis redis;

    TokenBuckets(HotRedis redis) {
        this.redis = redis;
    }

    /** Completes when the bucket had a token; fails with {@link RateLimited} (and when to retry) past its budget. */
    public Mono<Void> take(String key, int burst, Duration refillEvery) {
        // On the calling thread: the node's own Redis connection takes no lock (HotRedis), so no hop to a scheduler.
        return redis.<List<Long>>eval(TAKE, ScriptOutputType.MULTI, new String[] {key}, Integer.toString(burst),
                        Long.toString(refillEvery.toMillis()))
                .flatMap(answer -> answer.get(0) == 1L ? Mono.empty()
                        : Mono.error(new RateLimited(Math.max(1, (answer.get(1) + 999) / 1000))));
    }

    /** Drops a bucket: it is full again at its next use. */
    public Mono<Void> forget(String key) {
        return redis.mono(c -> c.del(key)).then();
    }
}
