package dev.doorstep.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.dispatch.geo.GeoPoint;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A Seattle station's day: packages around the station (some sharing an address, mixed windows), a fleet, and
 * a plan polled until it is READY.
 */
public final class PlanningFixture {

    public static final GeoPoint STATION = new GeoPoint(47.58, -122.33);
    /** The station's zone (the fixture stations are in Seattle). */
    public static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    /**
     * The planned day: tomorrow in Seattle when the test JVM starts, so that routes started during the suite run
     * before their plan, whatever the day and hour the suite runs (and whatever clock shift it runs under).
     */
    public static final LocalDate DAY = LocalDate.now(ZONE).plusDays(1);
    public static final double ROAD_FACTOR = 1.3;
    public static final double METERS_PER_SECOND = 30 / 3.6;

    private final WebTestClient http;
    private final String ops;

    public PlanningFixture(WebTestClient http, String ops) {
        this.http = http;
        this.ops = ops;
    }

    /** Imports {@code count} packages due on {@link #DAY} at about two thirds as many addresses. */
    public Map<String, PlanFeasibility.Pkg> importPackages(String station, int count, long seed) {
        Random random = new Random(seed);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, PlanFeasibility.Pkg> packages = new LinkedHashMap<>();
        List<Map<String, Object>> bodies = new ArrayList<>();
        double[][] addresses = new double[Math.max(1, count * 2 / 3)][];
        for (int i = 0; i < count; i++) {
            int a = random.nextInt(addresses.length);
            if (addresses[a] == null) {
                addresses[a] = new double[] {STATION.lat() + (random.nextDouble() - 0.5) * 0.08,
                        STATION.lon() + (random.nextDouble() - 0.5) * 0.12};
            }
            int slot = random.nextInt(4);
            int fromHour = slot == 0 ? 9 : slot == 1 ? 13 : 9;
            int toHour = slot == 0 ? 13 : slot == 1 ? 17 : 21;
            OffsetDateTime from = at(fromHour, 0);
            OffsetDateTime to = at(toHour, 0);
            String id = "PL" + run + "x" + i;
            double kg = 0.5 + random.nextInt(10);
            packages.put(id, new PlanFeasibility.Pkg(id, addresses[a][0], addresses[a][1], from, to, kg, 30 * 20 * 10 / 1000.0));
            bodies.add(Map.of("trackingId", id, "recipientName", "Customer " + i, "address", a + " Pine St, Seattle",
                    "location", Map.of("lat", addresses[a][0], "lon", addresses[a][1]),
                    "window", Map.of("from", from.toString(), "to", to.toString()),
                    "weightKg", kg, "lengthCm", 30, "widthCm", 20, "heightCm", 10));
        }
        http.post().uri("/v1/stations/{id}/packages", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("packages", bodies)).exchange().expectStatus().isOk();
        return packages;
    }

    /** A local time on {@link #DAY} in Seattle, with the offset of that instant (daylight saving or not). */
    public static OffsetDateTime at(int hour, int minute) {
        return DAY.atTime(hour, minute).atZone(ZONE).toOffsetDateTime();
    }

    public static Map<String, Object> fleetEntry(int capacityPackages, int available) {
        return Map.of("type", "VAN", "capacityPackages", capacityPackages, "volumeLiters", 2000, "weightKg", 800,
                "available", available, "shiftStart", "08:00", "maxShiftMinutes", 600);
    }

    public static PlanFeasibility.Fleet fleet(int capacityPackages, int available) {
        return new PlanFeasibility.Fleet(capacityPackages, 2000, 800, available, at(8, 0),
                Duration.ofMinutes(600), METERS_PER_SECOND);
    }

    public static Map<String, Object> planRequest(Map<String, Object> fleetEntry, int budgetSeconds) {
        return Map.of("date", DAY.toString(), "fleet", List.of(fleetEntry), "serviceSecondsPerStop", 120,
                "serviceSecondsPerExtraPackage", 30, "timeBudgetSeconds", budgetSeconds);
    }

    /** Starts a plan and returns its Location. */
    public String start(String station, Map<String, Object> request) {
        return http.post().uri("/v1/stations/{id}/plans", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(request).exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.status").isEqualTo("RUNNING")
                .returnResult().getResponseHeaders().getLocation().toString();
    }

    /** Polls the plan until it leaves RUNNING, with a deadline. */
    public Map<?, ?> awaitDone(String location) {
        return Awaitility.await("plan " + location + " done").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> http.get().uri(location).headers(h -> h.setBearerAuth(ops)).exchange()
                        .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody(),
                        plan -> !"RUNNING".equals(plan.get("status")));
    }

    /** A READY plan of {@code count} packages with vans of {@code capacity}. */
    public Map<?, ?> readyPlan(String station, int count, int capacity, int available) {
        importPackages(station, count, count);
        Map<?, ?> plan = awaitDone(start(station, planRequest(fleetEntry(capacity, available), 1)));
        assertThat(plan.get("status")).isEqualTo("READY");
        return plan;
    }

    /** Publishes a plan, each DSP taking the given number of routes, in order; returns the published plan. */
    public Map<?, ?> publish(String planId, Map<String, Integer> routesByDsp) {
        List<Map<String, Object>> dsps = new ArrayList<>();
        routesByDsp.forEach((dsp, routes) -> dsps.add(Map.of("dspId", dsp, "routes", routes)));
        return http.post().uri("/v1/plans/{id}/publish", planId).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("dsps", dsps)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    public String createDriver(String dsp, String station) {
        Map<?, ?> driver = http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("name", "Ana Ruiz", "kind", "DSP", "dspId", dsp, "homeStationId", station,
                        "phone", "+12065550100"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) driver.get("id");
    }

    public String createVan(String dsp, int capacityPackages) {
        Map<?, ?> van = http.post().uri("/v1/dsps/{id}/vans", dsp).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("plate", "V" + Long.toHexString(System.nanoTime()).substring(4),
                        "capacityPackages", capacityPackages, "volumeLiters", 9000, "weightKg", 1500))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) van.get("id");
    }

    /** Puts a new driver of the DSP and a large van on the route; returns the driver's id. */
    public String assignNewDriver(String dsp, String station, String route, String dispatcherToken) {
        String driver = createDriver(dsp, station);
        http.put().uri("/v1/dsp/routes/{id}/assignment", route).headers(h -> h.setBearerAuth(dispatcherToken))
                .bodyValue(Map.of("driverId", driver, "vanId", createVan(dsp, 300))).exchange()
                .expectStatus().isOk();
        return driver;
    }

    /** Route ids of a plan in plan order. */
    public static List<String> routeIds(Map<?, ?> plan) {
        return ((List<?>) plan.get("routes")).stream().map(r -> (String) ((Map<?, ?>) r).get("id")).toList();
    }

    /**
     * Publishes the plan, all its routes to one DSP, has its dispatcher put the driver and van on the first route,
     * and the driver start it: that route's stops.
     */
    public List<DeliveryFixture.Stop> startFirstRoute(Map<?, ?> plan, String dsp, String dispatcherToken,
            String driver, String driverToken, String van) {
        List<String> routes = routeIds(plan);
        assertThat(routes).isNotEmpty();
        publish((String) plan.get("id"), Map.of(dsp, routes.size()));
        http.put().uri("/v1/dsp/routes/{id}/assignment", routes.get(0))
                .headers(h -> h.setBearerAuth(dispatcherToken))
                .bodyValue(Map.of("driverId", driver, "vanId", van)).exchange().expectStatus().isOk();
        Map<?, ?> started = http.post().uri("/v1/driver/routes/{id}/start", routes.get(0))
                .headers(h -> h.setBearerAuth(driverToken)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return DeliveryFixture.stops(started);
    }

    /** The driver finishes its route of {@code day}. */
    public void finishRoute(String driverToken, LocalDate day) {
        Map<?, ?> itinerary = http.get().uri("/v1/driver/itinerary?date={d}", day)
                .headers(h -> h.setBearerAuth(driverToken)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        http.post().uri("/v1/driver/routes/{id}/finish", ((Map<?, ?>) itinerary.get("route")).get("id"))
                .headers(h -> h.setBearerAuth(driverToken)).exchange().expectStatus().isOk();
    }
}
