package dev.doorstep.bench;

import dev.doorstep.client.ApiException;
import dev.doorstep.client.api.PackagesApi;
import dev.doorstep.client.api.TrackingApi;
import dev.doorstep.client.model.DeliveryWindow;
import dev.doorstep.client.model.GeoPoint;
import dev.doorstep.client.model.ImportManifestRequest;
import dev.doorstep.client.model.PackageDraft;
import java.math.BigDecimal;
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
        try (AppUnderTest app = AppUnderTest.at(options.text("url", null), BEHIND_A_PROXY)) {
            BenchApi api = new BenchApi(app.url());
            List<String> tokens = seed(api, links);
            System.out.printf(Locale.ROOT, "track: %d packages with a link each; %d requests in flight, %d forwarded"
                    + " addresses%n", tokens.size(), inFlight, addresses);
            ReadLoad load = new ReadLoad(app.url(), inFlight, addresses);
            List<String> paths = tokens.stream().map(token -> "/v1/track/" + token).toList();
            ReadLoad.Result track = load.run("track:", paths, warmUp, measured);
            System.out.println(track.line());
            ReadLoad.Result liveness = load.run("liveness:", List.of("/actuator/health/liveness"), warmUp, measured);
            System.out.println(liveness.line());
            System.out.printf(Locale.ROOT, "track: %.0f requests/s, p50 %.1f ms, p99 %.1f ms, errors %d;"
                            + " liveness %.0f requests/s; ratio %.2f (%d links, %d in flight)%n",
                    track.perSecond(), track.p50(), track.p99(), track.errors(), liveness.perSecond(),
                    track.perSecond() / liveness.perSecond(), links, inFlight);
        }
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
