package dev.doorstep.bench;

import static dev.doorstep.bench.BenchHttp.percentile;

import dev.doorstep.client.api.PackagesApi;
import dev.doorstep.client.model.DeliveryWindow;
import dev.doorstep.client.model.GeoPoint;
import dev.doorstep.client.model.ImportManifestRequest;
import dev.doorstep.client.model.ImportReport;
import dev.doorstep.client.model.PackageDraft;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run import}: posts manifest batches of new packages to one station, one after the other,
 * and prints packages/s and the batch latency percentiles. Ends with one summary line.
 */
final class ManifestImportBench {

    private ManifestImportBench() {
    }

    static void run(BenchOptions options) throws Exception {
        int batches = options.number("batches", 20);
        int size = options.number("batch-size", 5000);
        try (AppUnderTest app = AppUnderTest.at(options.text("url", null))) {
            BenchApi api = new BenchApi(app.url());
            String token = api.opsToken();
            String station = api.station(token);
            PackagesApi packages = new PackagesApi(api.as(token));
            String run = Long.toString(System.nanoTime(), 36);
            List<Double> latencies = new ArrayList<>();
            long started = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                ImportManifestRequest body = batch(run + "b" + b + "x", size);
                long t0 = System.nanoTime();
                ImportReport answer = packages.importManifest(station, body);
                latencies.add((System.nanoTime() - t0) / 1e6);
                if (answer.getCreated() != size) {
                    throw new IllegalStateException("batch " + b + " not fully created: " + answer.getCreated());
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Collections.sort(latencies);
            System.out.printf(Locale.ROOT, "import: %.0f packages/s, batch of %d p50 %.0f ms, p99 %.0f ms, batches %d%n",
                    batches * size / seconds, size, percentile(latencies, 50), percentile(latencies, 99), batches);
        }
    }

    private static ImportManifestRequest batch(String prefix, int size) {
        DeliveryWindow window = new DeliveryWindow().from(OffsetDateTime.parse("2026-11-24T09:00:00-08:00"))
                .to(OffsetDateTime.parse("2026-11-24T21:00:00-08:00"));
        List<PackageDraft> drafts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            drafts.add(new PackageDraft().trackingId(prefix + i).recipientName("Customer " + i)
                    .address(i + " Pine St, Seattle")
                    .location(new GeoPoint().lat(BigDecimal.valueOf(47.5 + (i % 100) * 0.002))
                            .lon(BigDecimal.valueOf(-122.4 + (i / 100) * 0.002)))
                    .window(window).weightKg(new BigDecimal("1.5")).lengthCm(BigDecimal.valueOf(30))
                    .widthCm(BigDecimal.valueOf(20)).heightCm(BigDecimal.valueOf(10)).locale("en"));
        }
        return new ImportManifestRequest().packages(drafts);
    }

}
