package dev.doorstep.bench;

import dev.doorstep.client.model.Role;
import io.netty.handler.codec.http.HttpMethod;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.embedded.RedisServer;

/**
 * {@code bench/run ingest}: N simulated drivers each post their next batch as soon as the previous one is
 * answered, for S seconds (after a warm-up), then the same kind of batches go straight to the same Redis
 * through Lettuce with pipelining. Prints, last: pings/s, latency percentiles, errors, the Redis limit and
 * the ratio. {@code --mode osmand} sends one ping per request in the OsmAnd protocol instead.
 */
final class IngestBench {

    /** Requests in flight at once (one per connection): enough that the app, not the client, is the limit. */
    static final int DEFAULT_IN_FLIGHT = 64;

    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

    private IngestBench() {
    }

    static void run(BenchOptions options) throws Exception {
        boolean osmand = options.text("mode", "json").equals("osmand");
        int drivers = options.number("drivers", 500);
        PingBatches pings = new PingBatches(osmand ? 1 : options.number("batch", 50));
        int seconds = options.number("seconds", 30);
        String url = options.text("url", null);
        String redisUri = options.text("redis", null);
        RedisServer redis = null;
        Map<String, String> env = Map.of();
        if (url == null) {
            int port = freePort();
            redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                    .setting("appendonly no").build();
            redis.start();
            redisUri = "redis://127.0.0.1:" + port;
            env = Map.of("SPRING_DATA_REDIS_HOST", "127.0.0.1", "SPRING_DATA_REDIS_PORT", Integer.toString(port));
        }
        try (AppUnderTest app = AppUnderTest.at(url, env)) {
            progress("app ready at " + app.url());
            List<Driver> fleet = setUp(app.url(), drivers, osmand);
            progress(drivers + " drivers set up");
            // The drivers share the client's connections, as behind a load balancer; each connection carries one
            // request at a time (HTTP/1.1 keep-alive) and serves its drivers in turn.
            int lanes = Math.min(drivers, options.number("in-flight", DEFAULT_IN_FLIGHT));
            Load load = new Load(fleet, pings, osmand, lanes);
            long sent;
            LoadClient.Result result;
            double cpuMicros;
            try (LoadClient client = new LoadClient(app.url(), lanes)) {
                // Measured at the app's steady state, as bench/run http measures it (LoadClient.warmUp).
                long warmed = client.warmUp(Duration.ofSeconds(options.number("warmup", 5)),
                        options.number("warmup-min", 200_000), load, load);
                Duration cpuBefore = app.cpu();
                result = client.run(Duration.ofSeconds(seconds), load, load);
                Duration cpuAfter = app.cpu();
                progress("load measured");
                // On a shared machine the app's CPU time a ping says more than pings/s (as in bench/run http); the
                // run counts pings, not requests (a request carries a batch).
                cpuMicros = cpuBefore == null || cpuAfter == null ? Double.NaN
                        : cpuAfter.minus(cpuBefore).toNanos() / 1000.0 / Math.max(1, result.ok());
                sent = warmed + result.ok();
            }
            double limit = Double.NaN;
            String trails = "trails not counted (no --redis)";
            if (redisUri != null) {
                long stored = TrailCount.of(redisUri, fleet.stream().map(Driver::id).toList());
                // More in the trails than accepted: batches stored although the answer was an error (a Redis reply
                // later than the app's timeout); a phone resends those and the trail keeps each ping once.
                trails = String.format(Locale.ROOT, "pings accepted %d, in trails %d (%s)", sent, stored,
                        stored == sent ? "equal" : stored > sent ? (stored - sent) + " more: stored, answered with an error"
                                : "LOST " + (sent - stored));
                limit = RedisLimit.measure(redisUri, drivers, pings, Duration.ofSeconds(Math.min(seconds, 10)));
            }
            System.out.printf(Locale.ROOT, "%s: %.0f pings/s, p50 %.1f ms, p99 %.1f ms, errors %d, redis-limit %.0f"
                    + " pings/s, ratio %.2f; %d connections, batch %d, %.1f us app CPU/ping; %s%n",
                    osmand ? "ingest (osmand)" : "ingest", result.perSecond(), result.percentileMs(50),
                    result.percentileMs(99), result.errors(), limit, result.perSecond() / limit, lanes, pings.size(),
                    cpuMicros, trails);
        } finally {
            if (redis != null) {
                redis.stop();
            }
        }
    }

    private static void progress(String step) {
        System.err.println(java.time.LocalTime.now().withNano(0) + " " + step);
    }

    /** A driver and what it authenticates with: a bearer token, or its device key in OsmAnd mode. */
    record Driver(String id, String credential) {
    }

    private static List<Driver> setUp(String url, int drivers, boolean osmand) throws Exception {
        BenchApi api = new BenchApi(url);
        String ops = api.opsToken();
        String station = api.station(ops);
        String dsp = api.dsp(ops, "Bench DSP");
        List<Driver> fleet = new ArrayList<>(drivers);
        for (int d = 0; d < drivers; d++) {
            String driver = api.driver(ops, "Driver " + d, dsp, station);
            String token = api.token(driver, Role.DRIVER);
            fleet.add(new Driver(driver, osmand ? api.osmandDevice(token) : token));
        }
        return fleet;
    }

    /**
     * The calls of the run: lane {@code l} serves drivers l, l + lanes, l + 2 lanes, ... in turn, each driver's
     * next batch (so one driver's batches go out one after the other, in time order). A call counts the pings
     * the answer says were accepted; anything else is an error.
     */
    private static final class Load implements LoadClient.Calls, LoadClient.Check {

        private final List<Driver> fleet;
        private final PingBatches pings;
        private final boolean osmand;
        private final int lanes;
        private final AtomicLongArray sentByLane;

        Load(List<Driver> fleet, PingBatches pings, boolean osmand, int lanes) {
            this.fleet = fleet;
            this.pings = pings;
            this.osmand = osmand;
            this.lanes = lanes;
            this.sentByLane = new AtomicLongArray(lanes);
        }

        @Override
        public LoadClient.Call next(int lane) {
            long n = sentByLane.getAndIncrement(lane);
            int driversOfLane = (fleet.size() - lane + lanes - 1) / lanes;
            int d = lane + lanes * (int) (n % driversOfLane);
            int batch = (int) (n / driversOfLane);
            Driver driver = fleet.get(d);
            if (osmand) {
                return LoadClient.Call.get("/v1/ingest/osmand?" + pings.osmandQuery(driver.credential(), d, batch));
            }
            return new LoadClient.Call(HttpMethod.POST, "/v1/driver/pings", "Bearer " + driver.credential(),
                    "application/json", pings.json(d, batch).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public long successes(LoadClient.Answer answer) {
            Matcher m = ACCEPTED.matcher(answer.body());
            return answer.status() == 200 && m.find() && Integer.parseInt(m.group(1)) == pings.size()
                    ? pings.size() : -1;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
