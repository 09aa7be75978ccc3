package dev.doorstep.tracking.live;

import java.time.Instant;
import io.lettuce.core.Range;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** The stored pings of a driver (at most 48 hours back), flagged ones included and marked. */
@Component
public class Trails {

    private final HotRedis redis;

    Trails(HotRedis redis) {
        this.redis = redis;
    }

    /** The driver's pings with {@code from <= ts <= to}, in time order. */
    public Flux<TrailPoint> trail(String driverId, Instant from, Instant to) {
        Range<Double> scores = Range.create((double) from.toEpochMilli(), (double) to.toEpochMilli());
        return redis.flux(c -> c.zrangebyscore(LiveKeys.trail(driverId), scores))
                .map(LiveKeys::trailPoint)
                .onErrorMap(LiveStoreUnavailable::ifOutage);
    }
}
