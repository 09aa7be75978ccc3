package dev.doorstep.tracking.live;

import java.time.Instant;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** The stored pings of a driver (at most 48 hours back), flagged ones included and marked. */
@Component
public class Trails {

    private final ReactiveStringRedisTemplate redis;

    Trails(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /** The driver's pings with {@code from <= ts <= to}, in time order. */
    public Flux<TrailPoint> trail(String driverId, Instant from, Instant to) {
        return redis.opsForZSet()
                .rangeByScore(LiveKeys.trail(driverId), Range.closed((double) from.toEpochMilli(),
                        (double) to.toEpochMilli()))
                .map(LiveKeys::trailPoint)
                .onErrorMap(LiveStoreUnavailable::ifOutage);
    }
}
