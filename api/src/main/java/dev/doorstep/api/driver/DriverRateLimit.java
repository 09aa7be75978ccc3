package dev.doorstep.api.driver;

import dev.doorstep.api.problems.RateLimited;
import dev.doorstep.api.web.TokenBuckets;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A token bucket per driver in Redis, shared by every app node. */
@Component
class DriverRateLimit {

    private final TokenBuckets buckets;
    private final RateLimitSettings settings;

    DriverRateLimit(TokenBuckets buckets, RateLimitSettings settings) {
        this.buckets = buckets;
        this.settings = settings;
    }

    /** Completes when the driver may go on; fails with {@link RateLimited} past its budget. */
    Mono<Void> admit(String driverId) {
        // The hash tag keeps a driver's keys on one shard of a Redis Cluster.
        return buckets.take("doorstep:rate:{" + driverId + "}", settings.burst(), settings.refillEvery());
    }
}
