package dev.doorstep.bench;

import dev.doorstep.client.api.TrackingApi;
import dev.doorstep.client.model.PingDraft;
import dev.doorstep.client.model.Role;
import dev.doorstep.client.model.UploadPingsRequest;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * {@code bench/run viewers}: N Server-Sent-Event viewers on one app node, a share of them customer tracking pages
 * ({@code /v1/track/{token}/events}, over {@code --links} packages) and the rest dispatcher maps
 * ({@code /v1/dsp/live}, over {@code --dsps} DSPs), multiplexed {@code --streams-per-connection} to an HTTP/2
 * cleartext (h2c, prior knowledge) connection as a proxy in front or a browser would ({@code --protocol h2c}, the
 * default), or one HTTP/1.1 connection each ({@code --protocol http1.1}), opened from several loopback source
 * addresses. Then each driver
 * sends a ping a second through the ingest API, first for {@code --warmup-seconds} (the app's steady state, as the
 * other benches measure it), then for {@code --seconds}; every dispatcher map of the driver's DSP should see each
 * ping, and the latency is the ping's own timestamp to its arrival at the viewer. Prints the open rate, failures,
 * the latency percentiles of the warm-up and of the measured window, and the app's heap (after a full GC) and
 * resident memory before and after.
 */
final class ViewersBench {

    private static final Pattern TS = Pattern.compile("\"ts\":\"([^\"]+)\"");

    private ViewersBench() {
    }

    static void run(BenchOptions options) throws Exception {
        int viewers = options.number("viewers", 20_000);
        double trackingShare = Double.parseDouble(options.text("tracking-share", "0.5"));
        int links = options.number("links", 500);
        int dsps = options.number("dsps", 10);
        int drivers = options.number("drivers", 20);
        int seconds = options.number("seconds", 20);
        int warmupSeconds = options.number("warmup-seconds", 10);
        int sources = options.number("source-addresses", 8);
        boolean h2c = switch (options.text("protocol", "h2c")) {
            case "h2c" -> true;
            case "http1.1" -> false;
            default -> throw new IllegalArgumentException("--protocol is h2c or http1.1");
        };
        int perConnection = h2c ? options.number("streams-per-connection", 100) : 1;
        int connections = (viewers + perConnection - 1) / perConnection;
        System.out.printf(Locale.ROOT, "viewers: %s, %d streams a connection: %d connections; file descriptors:"
                        + " this client may open %s, needs about %d (one a connection); the app inherits the same limit"
                        + " and needs as many%n", h2c ? "HTTP/2 cleartext (h2c, prior knowledge)" : "HTTP/1.1",
                perConnection, connections, openFilesLimit("self"), connections + 200);
        try (AppUnderTest app = AppUnderTest.at(options.text("url", null), TrackBench.BEHIND_A_PROXY)) {
            BenchApi api = new BenchApi(app.url());
            int trackingViewers = (int) Math.round(viewers * trackingShare);
            List<String> tokens = TrackBench.seed(api, Math.min(links, Math.max(1, trackingViewers)));
            String ops = api.opsToken();
            String station = api.station(ops);
            List<String> dispatcherTokens = new ArrayList<>();
            List<String> driverTokens = new ArrayList<>();
            for (int d = 0; d < dsps; d++) {
                String dsp = api.dsp(ops, "Bench DSP " + d);
                dispatcherTokens.add(new dev.doorstep.client.api.IssuerApi(api.as(null)).issuePersonaToken(
                        new dev.doorstep.client.model.IssuePersonaTokenRequest().sub("dispatcher-" + d)
                                .roles(List.of(Role.DISPATCHER)).dsp(dsp)).getAccessToken());
                for (int i = d; i < drivers; i += dsps) {
                    driverTokens.add(api.token(api.driver(ops, "Driver " + i, dsp, station), Role.DRIVER));
                }
            }
            // Every driver on the map before the viewers come: each map's snapshot is its first event.
            for (int i = 0; i < driverTokens.size(); i++) {
                ping(api, driverTokens.get(i), i);
            }
            System.out.printf(Locale.ROOT, "viewers: %d tracking streams over %d links, %d dispatcher maps over %d"
                    + " DSPs (%d drivers); %s%n", trackingViewers, tokens.size(), viewers - trackingViewers, dsps,
                    driverTokens.size(), load());
            Memory before = Memory.of(app.pid());
            Streams streams = new Streams(app.url(), sources, h2c ? connections : 0);
            long opening = System.nanoTime();
            Flux.range(0, viewers).flatMap(i -> i < trackingViewers
                    ? streams.open("/v1/track/" + tokens.get(i % tokens.size()) + "/events", null, i, false)
                    : streams.open("/v1/dsp/live", dispatcherTokens.get(i % dispatcherTokens.size()), i, true), 512)
                    .blockLast();
            double openSeconds = (System.nanoTime() - opening) / 1e9;
            System.out.printf(Locale.ROOT, "viewers: %d open of %d in %.1f s (%.0f a second), %d failed; %s%n",
                    streams.open.get(), viewers, openSeconds, viewers / openSeconds, streams.failed.get(), load());
            Memory open = Memory.of(app.pid());
            streams.warmUpFrom(System.currentTimeMillis());
            pingEverySecond(api, driverTokens, warmupSeconds);
            streams.measureFrom(System.currentTimeMillis());
            long sent = pingEverySecond(api, driverTokens, seconds);
            Thread.sleep(2000);
            long expected = sent * (viewers - trackingViewers) / dsps;
            Memory after = Memory.of(app.pid());
            streams.close();
            streams.outcomes.forEach((outcome, n) -> System.out.println("viewers: " + n + " x " + outcome));
            System.out.printf(Locale.ROOT, "viewers: pings %d, deliveries to maps %d of %d expected, still open %d;"
                            + " heap %s, RSS %s (before / open / after pings)%n", sent, streams.latencies.count(),
                    expected, streams.open.get() - streams.ended.get() - streams.failedLater(), Memory.mb(before.heap, open.heap, after.heap),
                    Memory.mb(before.rss, open.rss, after.rss));
            System.out.printf(Locale.ROOT, "viewers: during the %d-s warm-up (not measured): %d deliveries, p50 %.0f ms,"
                    + " p99 %.0f ms%n", warmupSeconds, streams.warmUpLatencies.count(),
                    streams.warmUpLatencies.percentileMillis(50), streams.warmUpLatencies.percentileMillis(99));
            System.out.printf(Locale.ROOT, "viewers: %d open (%d tracking, %d maps) over %d %s connections in %.1f s"
                            + " = %.0f/s, %d failed; ping-to-viewer p50 %.0f ms, p99 %.0f ms; per stream %.1f KB heap,"
                            + " %.1f KB RSS%n",
                    streams.open.get(), trackingViewers, viewers - trackingViewers, connections,
                    h2c ? "h2c" : "HTTP/1.1", openSeconds,
                    viewers / openSeconds, streams.failed.get(), streams.latencies.percentileMillis(50),
                    streams.latencies.percentileMillis(99), (open.heap - before.heap) / 1024.0 / viewers,
                    (open.rss - before.rss) / 1024.0 / viewers);
        }
    }

    /** Each driver pings once a second for {@code seconds}; returns the pings sent. */
    private static long pingEverySecond(BenchApi api, List<String> driverTokens, int seconds) throws Exception {
        long sent = 0;
        for (int s = 0; s < seconds; s++) {
            long tick = System.nanoTime();
            for (int i = 0; i < driverTokens.size(); i++) {
                ping(api, driverTokens.get(i), i);
                sent++;
            }
            Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - tick) / 1_000_000));
        }
        return sent;
    }

    private static void ping(BenchApi api, String driverToken, int i) throws Exception {
        new TrackingApi(api.as(driverToken)).uploadPings(new UploadPingsRequest().pings(List.of(new PingDraft()
                .ts(OffsetDateTime.now(ZoneOffset.UTC)).lat(BigDecimal.valueOf(47.58 + i * 0.0001))
                .lon(BigDecimal.valueOf(-122.33)))));
    }

    /**
     * Many long-lived streams, spread over loopback source addresses: over HTTP/1.1 a connection each, over h2c
     * stream i on connection i (modulo their number), each its own client of one connection.
     */
    private static final class Streams {
        final AtomicLong open = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong ended = new AtomicLong();
        final LatencyHistogram latencies = new LatencyHistogram();
        final LatencyHistogram warmUpLatencies = new LatencyHistogram();
        /** Why streams failed or ended, by kind (tracking or map) and reason, counted. */
        final ConcurrentHashMap<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<Disposable> subscriptions = new ConcurrentLinkedQueue<>();
        private final List<HttpClient> clients = new ArrayList<>();
        private volatile long warmUpFrom = Long.MAX_VALUE;
        private volatile long measureFrom = Long.MAX_VALUE;

        Streams(String url, int sources, int h2cConnections) {
            for (int c = 0; c < Math.max(sources, h2cConnections); c++) {
                String source = "127.0.0." + (2 + c % sources);
                HttpClient client = h2cConnections == 0
                        ? HttpClient.create(ConnectionProvider.newConnection())
                        : HttpClient.create(ConnectionProvider.builder("h2c-" + c).maxConnections(1)
                                .pendingAcquireMaxCount(-1).pendingAcquireTimeout(Duration.ofMinutes(10)).build())
                                .protocol(HttpProtocol.H2C);
                clients.add(client.baseUrl(url)
                        .bindAddress(() -> new InetSocketAddress(source, 0))
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 60_000)
                        .responseTimeout(Duration.ofMinutes(10)));
            }
        }

        /** Streams that failed after their first event. */
        long failedLater() {
            return outcomes.entrySet().stream().filter(e -> e.getKey().contains("failed"))
                    .mapToLong(e -> e.getValue().get()).sum() - failed.get();
        }

        void warmUpFrom(long epochMillis) {
            warmUpFrom = epochMillis;
        }

        void measureFrom(long epochMillis) {
            measureFrom = epochMillis;
        }

        /** Opens stream i; completes once its first bytes arrived (or it failed), and keeps it open. */
        Mono<Void> open(String path, String bearer, int i, boolean map) {
            return Mono.<Boolean>create(opened -> {
                String address = ReadLoad.address(i);
                Disposable subscription = clients.get(i % clients.size())
                        .headers(h -> {
                            h.set("Accept", "text/event-stream").set("X-Forwarded-For", address);
                            if (bearer != null) {
                                h.set("Authorization", "Bearer " + bearer);
                            }
                        })
                        .get().uri(path)
                        .response((response, body) -> response.status().code() == 200 ? body.asString()
                                : Flux.error(new IOException("answered " + response.status().code())))
                        .subscribe(chunk -> {
                            long arrived = System.currentTimeMillis();
                            if (map) {
                                seen(chunk, arrived);
                            }
                            opened.success(true);
                        }, error -> {
                            count((map ? "map " : "tracking ") + "failed: " + error.getMessage());
                            opened.success(false);
                        }, () -> {
                            count((map ? "map " : "tracking ") + "ended by the server");
                            ended.incrementAndGet();
                            opened.success(false);
                        });
                subscriptions.add(subscription);
            }).doOnNext(ok -> (ok ? open : failed).incrementAndGet()).then();
        }

        private void count(String outcome) {
            outcomes.computeIfAbsent(outcome.length() > 120 ? outcome.substring(0, 120) : outcome,
                    k -> new AtomicLong()).incrementAndGet();
        }

        private void seen(String chunk, long arrived) {
            Matcher ts = TS.matcher(chunk);
            while (ts.find()) {
                long sent = Instant.parse(ts.group(1)).toEpochMilli();
                if (sent >= measureFrom) {
                    latencies.record((arrived - sent) * 1_000_000);
                } else if (sent >= warmUpFrom) {
                    warmUpLatencies.record((arrived - sent) * 1_000_000);
                }
            }
        }

        void close() {
            subscriptions.forEach(Disposable::dispose);
        }
    }

    /** The app's heap after a full GC ({@code jcmd}) and its resident memory, in bytes. */
    private record Memory(long heap, long rss) {

        private static final Pattern USED = Pattern.compile("used (\\d+)K");

        static Memory of(long pid) throws Exception {
            if (pid < 0) {
                return new Memory(-1, -1);
            }
            jcmd(pid, "GC.run");
            Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
            long heap = used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
            long rss = -1;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
            return new Memory(heap, rss);
        }

        static String mb(long... bytes) {
            StringBuilder s = new StringBuilder();
            for (long b : bytes) {
                s.append(s.isEmpty() ? "" : " / ").append(b < 0 ? "?" : (b >> 20) + " MB");
            }
            return s.toString();
        }

        private static String jcmd(long pid, String command) throws Exception {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor();
            return out;
        }
    }

    private static String openFilesLimit(String pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
            if (line.startsWith("Max open files")) {
                return line.replaceAll("Max open files\\s+", "").replaceAll("\\s+", " ").trim();
            }
        }
        return "?";
    }

    private static String load() throws IOException {
        return "load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

}
