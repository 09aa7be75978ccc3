package dev.doorstep.bench;

import dev.doorstep.client.model.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench/run plan-scale}: one station-day of N stops and M packages (generated around Seattle), planned
 * through the API from the POST to READY; prints the wall time, routes and distance, the app's memory during the
 * solve, and what {@link PlanScaleCheck} (independent of the planner) finds wrong: every package once, at its
 * place, capacity, windows and shift length.
 */
final class PlanScaleBench {

    private static final int CAPACITY = 120;
    private static final int SHIFT_MINUTES = 600;
    private static final int SERVICE_PER_STOP = 90;
    private static final int SERVICE_PER_EXTRA = 20;
    private static final double DEPOT_LAT = 47.58;
    private static final double DEPOT_LON = -122.33;
    private static final OffsetDateTime SHIFT_START = OffsetDateTime.parse("2026-12-01T08:00:00-08:00");
    private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*}\\s+([0-9.eE+-]+)");

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");

    private PlanScaleBench() {
    }

    static void run(BenchOptions options) throws Exception {
        int stops = options.number("stops", 2000);
        int packages = options.number("packages", 5000);
        int budget = options.number("seconds", 40);
        int plans = options.number("plans", 1);
        try (AppUnderTest app = AppUnderTest.at(options.text("url", null))) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build();
            BenchApi api = new BenchApi(app.url());
            String token = api.opsToken();
            String monitoring = api.token("bench-prometheus", Role.SERVICE);
            String station = api.station(token);
            String run = Long.toString(System.nanoTime(), 36);
            Map<String, PlanScaleCheck.Parcel> parcels = new HashMap<>();
            long importStarted = System.nanoTime();
            for (int from = 0; from < packages; from += 5000) {
                BenchHttp.post(client, app.url() + "/v1/stations/" + station + "/packages", token,
                        manifest(run, stops, from, Math.min(packages, from + 5000), parcels));
            }
            double imported = (System.nanoTime() - importStarted) / 1e9;
            String request = String.format(Locale.ROOT, "{\"date\":\"2026-12-01\",\"fleet\":[{\"type\":\"VAN\","
                    + "\"capacityPackages\":%d,\"volumeLiters\":9000,\"weightKg\":1500,\"available\":%d,"
                    + "\"shiftStart\":\"08:00\",\"maxShiftMinutes\":%d}],\"serviceSecondsPerStop\":%d,"
                    + "\"serviceSecondsPerExtraPackage\":%d,\"timeBudgetSeconds\":%d}",
                    CAPACITY, packages / CAPACITY * 2, SHIFT_MINUTES, SERVICE_PER_STOP, SERVICE_PER_EXTRA, budget);
            System.out.printf(Locale.ROOT, "plan-scale: manifest of %d packages imported in %.1f s%n", packages, imported);
            // The same day planned again (nothing is published): the first plan of a new JVM pays its JIT warm-up.
            for (int attempt = 1; attempt <= plans; attempt++) {
                plan(client, app, token, monitoring, station, request, parcels, budget, attempt);
            }
        }
    }

    private static void plan(HttpClient client, AppUnderTest app, String token, String monitoring, String station,
            String request, Map<String, PlanScaleCheck.Parcel> parcels, int budget, int attempt) throws Exception {
        double heapBefore = heap(client, app.url(), monitoring);
        long started = System.nanoTime();
        String plan = BenchHttp.match(BenchHttp.ID, BenchHttp.post(client,
                app.url() + "/v1/stations/" + station + "/plans", token, request));
        double peakHeap = heapBefore;
        String url = app.url() + "/v1/plans/" + plan;
        String body;
        while (true) {
            peakHeap = Math.max(peakHeap, heap(client, app.url(), monitoring));
            body = get(client, url, token);
            if (!"RUNNING".equals(BenchHttp.match(STATUS, body))) {
                break;
            }
            Thread.sleep(250);
        }
        // READY when the poll that saw it (the whole plan, read back through the API) was answered.
        double ready = (System.nanoTime() - started) / 1e9;
        long readStarted = System.nanoTime();
        get(client, url, token);
        double read = (System.nanoTime() - readStarted) / 1e9;
        JsonNode done = JsonMapper.builder().build().readTree(body);
        PlanScaleCheck check = PlanScaleCheck.of(done, parcels, new PlanScaleCheck.Van(CAPACITY, 9000, 1500,
                SHIFT_START, SHIFT_MINUTES, SERVICE_PER_STOP, SERVICE_PER_EXTRA), DEPOT_LAT, DEPOT_LON);
        System.out.printf(Locale.ROOT, "plan-scale: plan %d: the finished plan read "
                        + "again in %.1f s; app heap used %.0f MB before, peak %.0f MB while solving (sampled every "
                        + "250 ms), peak RSS %s; %s%n", attempt, read, heapBefore / 1e6,
                peakHeap / 1e6, peakRss(app.pid()), load());
        System.out.printf(Locale.ROOT, "plan-scale: plan %d %s in %.1f s (budget %d s), %d stops, %d packages, %s; %s%n",
                attempt, done.get("status").asString(), ready, budget, done.get("stopCount").asInt(),
                done.get("packageCount").asInt(), check.summary(),
                check.violations() == 0 && check.unplanned == 0 ? "CHECKED: no violation" : "VIOLATIONS");
    }

    private static String get(HttpClient client, String url, String token) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Heap in use now (garbage included), from the app's Prometheus scrape: no JVM started to ask. */
    private static double heap(HttpClient client, String url, String token) throws Exception {
        Matcher m = HEAP.matcher(get(client, url + "/actuator/prometheus", token));
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    /** The app JVM's peak resident memory over its life so far (VmHWM), or ? for an app at a given URL. */
    private static String peakRss(long pid) throws Exception {
        if (pid < 0) {
            return "?";
        }
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return (Long.parseLong(line.replaceAll("\\D+", "")) >> 10) + " MB";
            }
        }
        return "?";
    }

    private static String load() throws Exception {
        return "load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /**
     * Packages [from, to) of the day; package i goes to address i mod stops, whose window all its packages share.
     * Each is also put in {@code parcels}, for the checker.
     */
    private static String manifest(String run, int stops, int from, int to, Map<String, PlanScaleCheck.Parcel> parcels) {
        StringBuilder json = new StringBuilder((to - from) * 330).append("{\"packages\":[");
        for (int i = from; i < to; i++) {
            int address = i % stops;
            Random place = new Random(address);
            double radius = 0.13 * Math.sqrt(place.nextDouble());
            double angle = place.nextDouble() * 2 * Math.PI;
            int slot = place.nextInt(5);
            String opens = slot == 1 ? "13:00:00-08:00" : "09:00:00-08:00";
            String closes = slot == 0 ? "13:00:00-08:00" : slot == 1 ? "18:00:00-08:00" : "21:00:00-08:00";
            double lat = Math.round((DEPOT_LAT + radius * Math.sin(angle)) * 1e6) / 1e6;
            double lon = Math.round((DEPOT_LON + radius * 1.5 * Math.cos(angle)) * 1e6) / 1e6;
            String trackingId = run + "p" + i;
            parcels.put(trackingId, new PlanScaleCheck.Parcel(lat, lon, OffsetDateTime.parse("2026-12-01T" + opens),
                    OffsetDateTime.parse("2026-12-01T" + closes), 1.5, 30 * 20 * 10 / 1000.0));
            json.append(i > from ? "," : "").append(String.format(Locale.ROOT, "{\"trackingId\":\"%s\","
                    + "\"recipientName\":\"Customer %d\",\"address\":\"%d Scale Ave, Seattle\","
                    + "\"location\":{\"lat\":%.6f,\"lon\":%.6f},\"window\":{\"from\":\"2026-12-01T%s\","
                    + "\"to\":\"2026-12-01T%s\"},\"weightKg\":1.5,\"lengthCm\":30,\"widthCm\":20,\"heightCm\":10}",
                    trackingId, i, address, lat, lon, opens, closes));
        }
        return json.append("]}").toString();
    }
}
