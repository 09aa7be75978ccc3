package dev.doorstep.bench;

import dev.doorstep.client.ApiException;
import dev.doorstep.client.api.PackagesApi;
import dev.doorstep.client.api.TrackingApi;
import dev.doorstep.client.model.DeliveryWindow;
import dev.doorstep.client.model.GeoPoint;
import dev.doorstep.client.model.ImportManifestRequest;
import dev.doorstep.client.model.PackageDraft;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench/run track}: the customer tracking read {@code GET /v1/track/{token}} over many links, against the
 * app's cheapest endpoint ({@code GET /actuator/health/liveness}) with the same client in the same run. The app
 * trusts the bench as its proxy (127.0.0.0/8, the loopback addresses it connects from), so the public
 * per-address budget applies to the forwarded address: requests come from {@code --addresses} client addresses,
 * each within its budget at the rates measured here.
 */
final class TrackBench {

    /** The app as behind a proxy on this host: its per-address budget counts the forwarded client address. */
    static final Map<String, String> BEHIND_A_PROXY = Map.of("DOORSTEP_TRUSTED_PROXIES", "127.0.0.0/8,::1/128");

    private TrackBench() {
    }

    static void run(BenchOptions options) throws Exception {
        int links = options.number("links", 1000);
        int inFlight = options.number("concurrency", 128);
        int addresses = options.number("addresses", 65_536);
        Duration measured = Duration.ofSeconds(options.number("seconds", 20));
        Duration warmUp = Duration.ofSeconds(options.number("warmup", 5));
        long warmUpMin = options.number("warmup-min", 50_000);
        String jfr = options.text("jfr", null);
        try (AppUnderTest app = AppUnderTest.at(options.text("url", null), BEHIND_A_PROXY)) {
            BenchApi api = new BenchApi(app.url());
            List<String> tokens = seed(api, links);
            System.out.printf(Locale.ROOT, "track: %d packages with a link each; %d requests in flight, %d forwarded"
                    + " addresses%n", tokens.size(), inFlight, addresses);
            ReadLoad load = new ReadLoad(app.url(), inFlight, addresses);
            List<String> paths = tokens.stream().map(token -> "/v1/track/" + token).toList();
            Measured track = measure(app, load, "track:", paths, warmUp, warmUpMin, measured, jfr);
            Measured liveness = measure(app, load, "liveness:", List.of("/actuator/health/liveness"), warmUp,
                    warmUpMin, measured, null);
            System.out.printf(Locale.ROOT, "track: %.0f requests/s, p50 %.1f ms, p99 %.1f ms, errors %d, %s;"
                            + " liveness %.0f requests/s, %s; ratio %.2f (%d links, %d in flight)%n",
                    track.result().perSecond(), track.result().p50(), track.result().p99(), track.result().errors(),
                    track.cpu(), liveness.result().perSecond(), liveness.cpu(),
                    track.result().perSecond() / liveness.result().perSecond(), links, inFlight);
        }
    }

    /** A measured window and the app's CPU time per answered request in it (NaN for an app at a given URL). */
    private record Measured(ReadLoad.Result result, double cpuMicros) {

        String cpu() {
            return String.format(Locale.ROOT, "%.0f us CPU/request", cpuMicros);
        }
    }

    /**
     * Warms the app up on {@code paths} to its steady state, then measures; with {@code jfr}, the app's flight
     * recording (settings=profile) starts after the warm-up and ends with the measured window, so a profile shows
     * the steady state (its figures carry the recording's cost: take them from a run without it).
     */
    private static Measured measure(AppUnderTest app, ReadLoad load, String what, List<String> paths,
            Duration warmUp, long warmUpMin, Duration measured, String jfr) throws Exception {
        load.warmUp(paths, warmUp, warmUpMin);
        if (jfr != null) {
            jcmd(app, "JFR.start", "name=track", "settings=profile", "filename=" + Path.of(jfr).toAbsolutePath());
            // Starting a recording stalls a loaded app for seconds (7 % of the warmed rate in the next 10 s here):
            // the load goes on until the recording runs at the app's steady state again, and is measured after.
            load.warmUp(paths, Duration.ofSeconds(5), 0);
        }
        Duration before = app.cpu();
        ReadLoad.Result result = load.run(what, paths, Duration.ZERO, measured);
        Duration after = app.cpu();
        if (jfr != null) {
            jcmd(app, "JFR.stop", "name=track");
        }
        System.out.println(result.line());
        double cpu = before == null || after == null ? Double.NaN
                : after.minus(before).toNanos() / 1000.0 / Math.max(1, result.answered());
        return new Measured(result, cpu);
    }

    private static void jcmd(AppUnderTest app, String... command) throws Exception {
        if (app.pid() < 0) {
            throw new IllegalStateException("--jfr needs an app the bench starts (no --url)");
        }
        List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(app.pid())));
        line.addAll(List.of(command));
        new ProcessBuilder(line).inheritIO().start().waitFor();
    }

    /** {@code count} new packages at a new station, each with a link of its own (made by the API, as a shipper). */
    static List<String> seed(BenchApi api, int count) throws Exception {
        String ops = api.opsToken();
        String station = api.station(ops);
        PackagesApi packages = new PackagesApi(api.as(ops));
        String run = Long.toString(System.nanoTime(), 36);
        List<String> trackingIds = new ArrayList<>(count);
        for (int from = 0; from < count; from += 1000) {
            List<PackageDraft> drafts = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 1000); i++) {
                drafts.add(draft(run + "p" + i, i));
                trackingIds.add(run + "p" + i);
            }
            packages.importManifest(station, new ImportManifestRequest().packages(drafts));
        }
        TrackingApi tracking = new TrackingApi(api.as(ops));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> made = new ArrayList<>();
            for (String trackingId : trackingIds) {
                made.add(pool.submit(() -> link(tracking, trackingId)));
            }
            List<String> tokens = new ArrayList<>(count);
            for (Future<String> token : made) {
                tokens.add(token.get());
            }
            return tokens;
        } finally {
            pool.shutdown();
        }
    }

    private static String link(TrackingApi tracking, String trackingId) throws ApiException {
        return tracking.createTrackingLink(trackingId).getToken();
    }

    private static PackageDraft draft(String trackingId, int i) {
        OffsetDateTime today = OffsetDateTime.now(ZoneOffset.UTC).withHour(16).withMinute(0).withSecond(0).withNano(0);
        return new PackageDraft().trackingId(trackingId).recipientName("Customer " + i)
                .address(i + " Pine St, Seattle")
                .location(new GeoPoint().lat(BigDecimal.valueOf(47.5 + (i % 100) * 0.002))
                        .lon(BigDecimal.valueOf(-122.4 + (i / 100 % 100) * 0.002)))
                .window(new DeliveryWindow().from(today).to(today.plusHours(12)))
                .weightKg(new BigDecimal("1.5")).lengthCm(BigDecimal.valueOf(30))
                .widthCm(BigDecimal.valueOf(20)).heightCm(BigDecimal.valueOf(10)).locale("en");
    }
}
