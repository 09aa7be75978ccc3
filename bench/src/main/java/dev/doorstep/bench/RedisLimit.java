package dev.doorstep.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What this Redis can take: the command the app sends for a batch on a single Redis (the ingest script, which also
 * places the driver on its station's map) for the same kind of pings, straight through Lettuce with pipelining, no
 * HTTP, no JSON, no app in between.
 */
final class RedisLimit {

    private static final Path SCRIPT = Path.of("tracking/src/main/resources/dev/doorstep/tracking/ingest/accept-batch.lua");
    private static final int IN_FLIGHT = 64;

    private RedisLimit() {
    }

    /** Pings per second through pipelined script calls for {@code drivers} fresh drivers during {@code time}. */
    static double measure(String redisUri, int drivers, PingBatches pings, Duration time) throws Exception {
        RedisClient client = RedisClient.create(redisUri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisAsyncCommands<String, String> redis = connection.async();
            String sha = redis.scriptLoad(Files.readString(SCRIPT)).get(10, TimeUnit.SECONDS);
            connection.setAutoFlushCommands(false);
            String run = Long.toString(System.nanoTime(), 36);
            long stored = 0;
            long started = System.nanoTime();
            long end = started + time.toNanos();
            for (int batch = 0; System.nanoTime() < end; batch++) {
                for (int d = 0; d < drivers && System.nanoTime() < end; d += IN_FLIGHT) {
                    List<RedisFuture<?>> futures = new ArrayList<>(IN_FLIGHT);
                    for (int k = d; k < Math.min(drivers, d + IN_FLIGHT); k++) {
                        String driver = "limit-" + run + "-" + k;
                        futures.add(redis.evalsha(sha, ScriptOutputType.VALUE, keys(driver, run),
                                args(driver, k, batch, pings)));
                    }
                    connection.flushCommands();
                    for (RedisFuture<?> f : futures) {
                        f.get(10, TimeUnit.SECONDS);
                    }
                    stored += (long) futures.size() * pings.size();
                }
            }
            return stored / ((System.nanoTime() - started) / 1e9);
        } finally {
            client.shutdown();
        }
    }

    private static String[] keys(String driver, String run) {
        return new String[] {"trail:{drv:" + driver + "}", "pos:{drv:" + driver + "}", "geo:{st:limit-" + run + "}"};
    }

    /** The same argument layout as the app's PingStore. */
    private static String[] args(String driver, int k, int batch, PingBatches pings) {
        List<String> args = new ArrayList<>(7 + pings.size() * 2);
        args.add("live:{drv:" + driver + "}");
        args.add(driver + "|dsp|station|");
        args.add(Double.toString(250 / 3.6));
        args.add(Long.toString(System.currentTimeMillis() - 48 * 3600_000L));
        args.add("20000");
        args.add(Long.toString(48 * 3600_000L));
        args.add(Integer.toString(pings.size()));
        for (int i = 0; i < pings.size(); i++) {
            long ts = pings.ts(batch, i);
            String lat = String.format(Locale.ROOT, "%.6f", pings.lat(k, batch, i));
            String lon = String.format(Locale.ROOT, "%.6f", pings.lon(k));
            args.add(Integer.toString(i));
            args.add(ts + "|" + lat + "|" + lon + "|8.5|11.2|270.0||0.71");
        }
        return args.toArray(String[]::new);
    }
}
