package dev.doorstep.bench;

import static dev.doorstep.bench.BenchHttp.ID;
import static dev.doorstep.bench.BenchHttp.STATION;
import static dev.doorstep.bench.BenchHttp.TOKEN;
import static dev.doorstep.bench.BenchHttp.match;
import static dev.doorstep.bench.BenchHttp.percentile;
import static dev.doorstep.bench.BenchHttp.post;

import java.net.http.HttpClient;
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
            HttpClient client = HttpClient.newHttpClient();
            String token = match(TOKEN, post(client, app.url() + "/local/tokens", null,
                    "{\"sub\":\"bench\",\"roles\":[\"STATION_OPS\"]}"));
            String station = match(ID, post(client, app.url() + "/v1/stations", token, STATION));
            String run = Long.toString(System.nanoTime(), 36);
            List<Double> latencies = new ArrayList<>();
            long started = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                String body = batch(run + "b" + b + "x", size);
                long t0 = System.nanoTime();
                String answer = post(client, app.url() + "/v1/stations/" + station + "/packages", token, body);
                latencies.add((System.nanoTime() - t0) / 1e6);
                if (!answer.contains("\"created\":" + size)) {
                    throw new IllegalStateException("batch " + b + " not fully created: "
                            + answer.substring(0, Math.min(300, answer.length())));
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Collections.sort(latencies);
            System.out.printf(Locale.ROOT, "import: %.0f packages/s, batch of %d p50 %.0f ms, p99 %.0f ms, batches %d%n",
                    batches * size / seconds, size, percentile(latencies, 50), percentile(latencies, 99), batches);
        }
    }

    private static String batch(String prefix, int size) {
        StringBuilder json = new StringBuilder(size * 330).append("{\"packages\":[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(String.format(Locale.ROOT, "{\"trackingId\":\"%s%d\",\"recipientName\":\"Customer %d\","
                    + "\"address\":\"%d Pine St, Seattle\",\"location\":{\"lat\":%.5f,\"lon\":%.5f},"
                    + "\"window\":{\"from\":\"2026-11-24T09:00:00-08:00\",\"to\":\"2026-11-24T21:00:00-08:00\"},"
                    + "\"weightKg\":1.5,\"lengthCm\":30,\"widthCm\":20,\"heightCm\":10,\"locale\":\"en\"}",
                    prefix, i, i, i, 47.5 + (i % 100) * 0.002, -122.4 + (i / 100) * 0.002));
        }
        return json.append("]}").toString();
    }

}
