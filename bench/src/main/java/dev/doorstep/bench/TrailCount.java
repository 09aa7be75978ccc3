package dev.doorstep.bench;

import dev.doorstep.tracking.live.LiveKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Counts what the drivers' trails hold in Redis after a run: every accepted ping must be there, once. */
final class TrailCount {

    private TrailCount() {
    }

    static long of(String redisUri, List<String> driverIds) throws Exception {
        RedisClient client = RedisClient.create(redisUri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<RedisFuture<Long>> counts = new ArrayList<>(driverIds.size());
            for (String driver : driverIds) {
                counts.add(connection.async().zcard(LiveKeys.trail(driver)));
            }
            long total = 0;
            for (RedisFuture<Long> count : counts) {
                total += count.get(30, TimeUnit.SECONDS);
            }
            return total;
        } finally {
            client.shutdown();
        }
    }
}
