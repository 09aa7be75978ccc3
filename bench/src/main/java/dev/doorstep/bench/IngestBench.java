package dev.doorstep.bench;

import static dev.doorstep.bench.BenchHttp.percentile;

import dev.doorstep.client.model.Role;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
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

    static final int DEFAULT_IN_FLIGHT = 8;

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
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(4, daemon())).build();
            progress("app ready at " + app.url());
            List<String> credentials = setUp(client, app.url(), drivers, osmand);
            progress(drivers + " drivers set up");
            Load load = new Load(client, app.url(), credentials, pings, osmand,
                    // The drivers share a few keep-alive connections, as behind a load balancer; with one
                    // request in flight per driver the latency is the client's own queue (see bench/README.md).
                    Math.min(drivers, options.number("in-flight", DEFAULT_IN_FLIGHT)));
            load.runFor(Duration.ofSeconds(options.number("warmup", 5)));
            progress("warmed up");
            Load.Result result = load.runFor(Duration.ofSeconds(seconds));
            progress("load measured");
            double limit = redisUri == null ? Double.NaN
                    : RedisLimit.measure(redisUri, drivers, pings, Duration.ofSeconds(Math.min(seconds, 10)));
            System.out.printf(Locale.ROOT, "%s: %.0f pings/s, p50 %.1f ms, p99 %.1f ms, errors %d, redis-limit %.0f"
                    + " pings/s, ratio %.2f%n", osmand ? "ingest (osmand)" : "ingest", result.pingsPerSecond(),
                    result.p50(), result.p99(), result.errors(), limit, result.pingsPerSecond() / limit);
        } finally {
            if (redis != null) {
                redis.stop();
            }
        }
    }

    /** Threads that do not keep the JVM alive once the summary is printed. */
    private static java.util.concurrent.ThreadFactory daemon() {
        return task -> {
            Thread thread = new Thread(task, "bench-http");
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void progress(String step) {
        System.err.println(java.time.LocalTime.now().withNano(0) + " " + step);
    }

    /** One bearer token per driver, or one device key per driver in OsmAnd mode. */
    private static List<String> setUp(HttpClient client, String url, int drivers, boolean osmand) throws Exception {
        BenchApi api = new BenchApi(url);
        String ops = api.opsToken();
        String station = api.station(ops);
        String dsp = api.dsp(ops, "Bench DSP");
        List<String> credentials = new ArrayList<>(drivers);
        for (int d = 0; d < drivers; d++) {
            String driver = api.driver(ops, "Driver " + d, dsp, station);
            String token = api.token(driver, Role.DRIVER);
            credentials.add(osmand ? api.osmandDevice(token) : token);
        }
        return credentials;
    }

    /**
     * Closed loops: each of {@code lanes} requests in flight is followed by the next as soon as its answer is
     * in. With one lane per driver (the default) every driver waits only for its own answer; fewer lanes are
     * a client connection pool serving the drivers in turn.
     */
    private static final class Load {

        record Result(double pingsPerSecond, double p50, double p99, long errors) {
        }

        private final HttpClient client;
        private final String url;
        private final List<String> credentials;
        private final PingBatches pings;
        private final boolean osmand;
        private final int[] nextBatch;
        private final int lanes;

        Load(HttpClient client, String url, List<String> credentials, PingBatches pings, boolean osmand,
                int lanes) {
            this.client = client;
            this.url = url;
            this.credentials = credentials;
            this.pings = pings;
            this.osmand = osmand;
            this.nextBatch = new int[credentials.size()];
            this.lanes = lanes;
        }

        Result runFor(Duration time) throws InterruptedException {
            long end = System.nanoTime() + time.toNanos();
            AtomicLong accepted = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(lanes);
            long started = System.nanoTime();
            for (int lane = 0; lane < lanes; lane++) {
                send(lane, end, accepted, errors, latencies, done);
            }
            done.await();
            double seconds = (System.nanoTime() - started) / 1e9;
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return new Result(accepted.get() / seconds, percentile(sorted, 50), percentile(sorted, 99), errors.get());
        }

        private void send(int d, long end, AtomicLong accepted, AtomicLong errors, List<Double> latencies,
                CountDownLatch done) {
            if (System.nanoTime() >= end) {
                done.countDown();
                return;
            }
            int batch;
            synchronized (nextBatch) {
                batch = nextBatch[d]++;
            }
            HttpRequest request = osmand
                    ? HttpRequest.newBuilder(URI.create(url + "/v1/ingest/osmand?"
                            + pings.osmandQuery(credentials.get(d), d, batch))).GET().build()
                    : HttpRequest.newBuilder(URI.create(url + "/v1/driver/pings"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + credentials.get(d))
                            .POST(HttpRequest.BodyPublishers.ofString(pings.json(d, batch))).build();
            long t0 = System.nanoTime();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                latencies.add((System.nanoTime() - t0) / 1e6);
                Matcher m = response == null ? null : ACCEPTED.matcher(response.body());
                if (error == null && response.statusCode() == 200 && m.find()
                        && Integer.parseInt(m.group(1)) == pings.size()) {
                    accepted.addAndGet(pings.size());
                } else {
                    if (errors.incrementAndGet() <= 3) {
                        System.err.println("error: " + (error != null ? error
                                : response.statusCode() + " " + response.body()));
                    }
                }
                // The lane's next driver (the same one again when there is a lane per driver).
                send(d + lanes < credentials.size() ? d + lanes : d % lanes, end, accepted, errors, latencies, done);
            });
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
