package dev.doorstep.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench/run plan-scale}: one station-day of N stops and M packages (generated around Seattle), planned
 * through the API from the POST to READY; prints the wall time, routes, and checks every package once,
 * capacity and shift length.
 */
final class PlanScaleBench {

    private static final int CAPACITY = 120;
    private static final int SHIFT_MINUTES = 600;

    private PlanScaleBench() {
    }

    static void run(BenchOptions options) throws Exception {
        int stops = options.number("stops", 2000);
        int packages = options.number("packages", 5000);
        int budget = options.number("seconds", 40);
        try (AppUnderTest app = AppUnderTest.at(options.text("url", null))) {
            HttpClient client = HttpClient.newHttpClient();
            BenchApi api = new BenchApi(app.url());
            String token = api.opsToken();
            String station = api.station(token);
            String run = Long.toString(System.nanoTime(), 36);
            for (int from = 0; from < packages; from += 5000) {
                BenchHttp.post(client, app.url() + "/v1/stations/" + station + "/packages", token,
                        manifest(run, stops, from, Math.min(packages, from + 5000)));
            }
            String request = String.format(Locale.ROOT, "{\"date\":\"2026-12-01\",\"fleet\":[{\"type\":\"VAN\","
                    + "\"capacityPackages\":%d,\"volumeLiters\":9000,\"weightKg\":1500,\"available\":%d,"
                    + "\"shiftStart\":\"08:00\",\"maxShiftMinutes\":%d}],\"serviceSecondsPerStop\":90,"
                    + "\"serviceSecondsPerExtraPackage\":20,\"timeBudgetSeconds\":%d}",
                    CAPACITY, packages / CAPACITY * 2, SHIFT_MINUTES, budget);
            long started = System.nanoTime();
            String plan = BenchHttp.match(BenchHttp.ID, BenchHttp.post(client,
                    app.url() + "/v1/stations/" + station + "/plans", token, request));
            JsonNode done = awaitDone(client, app.url() + "/v1/plans/" + plan, token);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.println(summary(done, seconds, packages));
        }
    }

    private static JsonNode awaitDone(HttpClient client, String url, String token) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        while (true) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode plan = json.readTree(response.body());
            if (!"RUNNING".equals(plan.get("status").asString())) {
                return plan;
            }
            Thread.sleep(250);
        }
    }

    private static String summary(JsonNode plan, double seconds, int packages) {
        Map<String, Integer> served = new HashMap<>();
        int overCapacity = 0;
        int overShift = 0;
        double meters = 0;
        for (JsonNode route : plan.get("routes")) {
            int load = 0;
            for (JsonNode stop : route.get("stops")) {
                for (JsonNode id : stop.get("trackingIds")) {
                    served.merge(id.asString(), 1, Integer::sum);
                    load++;
                }
            }
            overCapacity += load > CAPACITY ? 1 : 0;
            overShift += java.time.Duration.between(java.time.OffsetDateTime.parse("2026-12-01T08:00:00-08:00"),
                    java.time.OffsetDateTime.parse(route.get("plannedEnd").asString())).toMinutes() > SHIFT_MINUTES ? 1 : 0;
            meters += route.get("distanceMeters").asDouble();
        }
        long twice = served.values().stream().filter(n -> n > 1).count();
        return String.format(Locale.ROOT, "plan-scale: %s in %.1f s, %d stops, %d packages, %d routes, %.0f km, "
                        + "unplanned %d, served twice %d, not served %d, over capacity %d, over shift %d",
                plan.get("status").asString(), seconds, plan.get("stopCount").asInt(), plan.get("packageCount").asInt(),
                plan.get("routes").size(), meters / 1000, plan.get("unplannedPackages").size(), twice,
                packages - served.size() - plan.get("unplannedPackages").size(), overCapacity, overShift);
    }

    /** Packages [from, to) of the day; package i goes to address i mod stops, whose window all its packages share. */
    private static String manifest(String run, int stops, int from, int to) {
        StringBuilder json = new StringBuilder((to - from) * 330).append("{\"packages\":[");
        for (int i = from; i < to; i++) {
            int address = i % stops;
            Random place = new Random(address);
            double radius = 0.13 * Math.sqrt(place.nextDouble());
            double angle = place.nextDouble() * 2 * Math.PI;
            int slot = place.nextInt(5);
            String window = slot == 0 ? "09:00:00-08:00\",\"to\":\"2026-12-01T13:00:00-08:00"
                    : slot == 1 ? "13:00:00-08:00\",\"to\":\"2026-12-01T18:00:00-08:00"
                    : "09:00:00-08:00\",\"to\":\"2026-12-01T21:00:00-08:00";
            json.append(i > from ? "," : "").append(String.format(Locale.ROOT, "{\"trackingId\":\"%sp%d\","
                    + "\"recipientName\":\"Customer %d\",\"address\":\"%d Scale Ave, Seattle\","
                    + "\"location\":{\"lat\":%.6f,\"lon\":%.6f},\"window\":{\"from\":\"2026-12-01T%s\"},"
                    + "\"weightKg\":1.5,\"lengthCm\":30,\"widthCm\":20,\"heightCm\":10}",
                    run, i, i, address, 47.58 + radius * Math.sin(angle), -122.33 + radius * 1.5 * Math.cos(angle),
                    window));
        }
        return json.append("]}").toString();
    }
}
