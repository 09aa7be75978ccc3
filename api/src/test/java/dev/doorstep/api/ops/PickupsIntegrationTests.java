package dev.doorstep.api.ops;

import static dev.doorstep.api.support.DeliveryFixture.Image.photo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.DeliveryFixture;
import dev.doorstep.api.support.DeliveryFixture.Stop;
import dev.doorstep.api.support.PlanFeasibility;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.api.support.TestImages;
import dev.doorstep.dispatch.returns.MissingPackages;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

class PickupsIntegrationTests extends ApiIntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    MissingPackages missingPackages;

    private String ops;
    private String station;
    private String dsp;
    private String driver;
    private String driverToken;
    private String van;
    private PlanningFixture planning;
    private DeliveryFixture uploads;
    private Map<String, PlanFeasibility.Pkg> packages;

    @BeforeEach
    void stationWithDeliveriesAndADspDriver() {
        ops = opsToken();
        station = createStation(ops);
        planning = new PlanningFixture(http, ops);
        uploads = new DeliveryFixture(http);
        dsp = createDsp(ops);
        driver = planning.createDriver(dsp, station);
        driverToken = token(driver, "DRIVER");
        van = planning.createVan(dsp, 300);
        packages = new LinkedHashMap<>(planning.importPackages(station, 6, 6));
    }

    @Test
    void pickupImportIsIdempotentByTrackingIdAndRejectsBadLinesAlone() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> first = pickup("RT" + run + "a", 0.01, 3.5);
        Map<String, Object> second = pickup("RT" + run + "b", -0.01, 1.0);
        Map<String, Object> noWeight = new HashMap<>(pickup("RT" + run + "c", 0.02, 1.0));
        noWeight.remove("weightKg");
        String delivery = packages.keySet().iterator().next();

        importPickups(List.of(first, second, noWeight, "not an object")).expectStatus().isOk().expectBody()
                .jsonPath("$.created").isEqualTo(2)
                .jsonPath("$.rejected").isEqualTo(2)
                .jsonPath("$.results[2].errors[0].field").isEqualTo("weightKg")
                .jsonPath("$.results[3].errors[0].field").isEqualTo("$");
        Map<String, Object> changed = new HashMap<>(second);
        changed.put("weightKg", 2.0);
        importPickups(List.of(first, changed, pickup(delivery, 0.03, 1.0))).expectStatus().isOk().expectBody()
                .jsonPath("$.created").isEqualTo(0)
                .jsonPath("$.unchanged").isEqualTo(1)
                .jsonPath("$.conflicts").isEqualTo(2)
                .jsonPath("$.results[2].errors[0].field").isEqualTo("trackingId");

        http.get().uri("/v1/packages/{id}", "RT" + run + "a").headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.kind").isEqualTo("PICKUP")
                .jsonPath("$.status").isEqualTo("MANIFESTED")
                .jsonPath("$.recipientName").isEqualTo("Returning customer")
                .jsonPath("$.timeline[0].detail").isEqualTo("Pickup request received at station " + station);
        assertThat(kind(delivery)).isEqualTo("DELIVERY");
        http.post().uri("/v1/stations/{id}/pickups", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("pickups", List.of())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("pickups");
        http.post().uri("/v1/stations/{id}/pickups", "st_nowhere").headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("pickups", List.of(first))).exchange().expectStatus().isNotFound();
    }

    @Test
    void aPickedUpReturnIsPhotographedThenReceivedAtTheStationAndNeverPlannedAgain() {
        String pickupId = "RT" + UUID.randomUUID().toString().substring(0, 8);
        importPickups(List.of(pickup(pickupId, 0.015, 4.0))).expectStatus().isOk().expectBody()
                .jsonPath("$.created").isEqualTo(1);

        Map<?, ?> plan = plan();
        assertThat(PlanFeasibility.violations(plan, packages, PlanningFixture.STATION, PlanningFixture.fleet(60, 1),
                PlanningFixture.ROAD_FACTOR)).isEmpty();
        assertThat(stopsOf(plan)).filteredOn(s -> "PICKUP".equals(s.get("kind")))
                .singleElement().satisfies(s -> assertThat(s.get("trackingIds")).isEqualTo(List.of(pickupId)));
        assertThat(stopsOf(plan)).filteredOn(s -> "DELIVERY".equals(s.get("kind"))).isNotEmpty()
                .allSatisfy(s -> assertThat(ids(s)).doesNotContain(pickupId));

        Stop pickupStop = startRoute(plan).stream().filter(s -> s.trackingIds().contains(pickupId)).findFirst()
                .orElseThrow();
        Stop deliveryStop = startedStops.stream().filter(s -> !s.trackingIds().contains(pickupId)).findFirst()
                .orElseThrow();
        uploads.upload(driverToken, pickupStop.id(), null,
                        DeliveryFixture.attempt(pickupStop, "DELIVERED", "FRONT_DOOR", null),
                        photo(TestImages.jpeg(240, 180)))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("attempt.packages[0].outcome");
        uploads.upload(driverToken, deliveryStop.id(), null,
                        DeliveryFixture.attempt(deliveryStop, "PICKED_UP", "FRONT_DOOR", null),
                        photo(TestImages.jpeg(241, 180)))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("attempt.packages[0].outcome");

        uploads.upload(driverToken, pickupStop.id(), "pickup-1",
                        DeliveryFixture.attempt(pickupStop, "PICKED_UP", "HANDED_TO_RESIDENT", null),
                        photo(TestImages.jpeg(320, 240)))
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.attempts[0].trackingId").isEqualTo(pickupId)
                .jsonPath("$.attempts[0].outcome").isEqualTo("PICKED_UP")
                .jsonPath("$.attempts[0].photos[0].kind").isEqualTo("PHOTO");
        assertThat(status(pickupId)).isEqualTo("PICKED_UP");
        assertThat(stopStatus(pickupStop.id())).isEqualTo("COMPLETED");

        http.post().uri("/v1/stations/{id}/returns", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("trackingIds", List.of(pickupId))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.pickupsReceived").isEqualTo(1)
                .jsonPath("$.reattempts").isEqualTo(0)
                .jsonPath("$.results[0].outcome").isEqualTo("PICKUP_RECEIVED")
                .jsonPath("$.results[0].status").isEqualTo("RETURNED_TO_STATION");
        assertThat(status(pickupId)).isEqualTo("RETURNED_TO_STATION");
        assertThat(outbox(pickupId)).containsExactly("PackagePickedUp", "PackageReturned");

        Map<?, ?> again = plan();
        assertThat(stopsOf(again)).allSatisfy(s -> assertThat(ids(s)).doesNotContain(pickupId));
        assertThat(((List<?>) again.get("unplannedPackages")).contains(pickupId)).isFalse();
        assertThat(status(pickupId)).isEqualTo("RETURNED_TO_STATION");
    }

    @Test
    void aFailedPickupIsAttemptedWithItsReasonNeverScannedInNorMissingAndDueAgainAfterTheRoute() {
        String pickupId = "RT" + UUID.randomUUID().toString().substring(0, 8);
        importPickups(List.of(pickup(pickupId, -0.015, 2.0))).expectStatus().isOk();
        Stop pickupStop = startRoute(plan()).stream().filter(s -> s.trackingIds().contains(pickupId)).findFirst()
                .orElseThrow();
        String delivery = startedStops.stream().flatMap(s -> s.trackingIds().stream())
                .filter(id -> !id.equals(pickupId)).findFirst().orElseThrow();

        uploads.upload(driverToken, pickupStop.id(), null,
                        DeliveryFixture.attempt(pickupStop, "ATTEMPTED", "FRONT_DOOR", "CUSTOMER_UNAVAILABLE"),
                        photo(TestImages.jpeg(300, 200)))
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.attempts[0].outcome").isEqualTo("ATTEMPTED")
                .jsonPath("$.attempts[0].reason").isEqualTo("CUSTOMER_UNAVAILABLE");
        assertThat(status(pickupId)).isEqualTo("ATTEMPTED");
        assertThat(outbox(pickupId)).containsExactly("PackageAttempted");

        http.post().uri("/v1/stations/{id}/returns", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("trackingIds", List.of(pickupId))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.results[0].outcome").isEqualTo("NOT_RETURNABLE")
                .jsonPath("$.results[0].status").isEqualTo("ATTEMPTED");
        Instant closing = PlanningFixture.at(22, 0).toInstant();
        missingPackages.reportMissing(closing).block();
        assertThat(status(pickupId)).isEqualTo("ATTEMPTED");
        assertThat(status(delivery)).isEqualTo("MISSING");

        planning.finishRoute(driverToken, PlanningFixture.DAY);
        assertThat(status(pickupId)).isEqualTo("AT_STATION");
        assertThat(db.sql("SELECT payload::text AS p FROM outbox WHERE event_type = 'RouteFinished' "
                        + "AND payload->>'driverId' = :driver").bind("driver", driver)
                .map(r -> r.get("p", String.class)).one().block()).doesNotContain(pickupId);
        Map<String, Object> nextDay = new HashMap<>(PlanningFixture.planRequest(PlanningFixture.fleetEntry(60, 1), 1));
        nextDay.put("date", PlanningFixture.DAY.plusDays(1).toString());
        Map<?, ?> plan = planning.awaitDone(planning.start(station, nextDay));
        assertThat(stopsOf(plan)).filteredOn(s -> "PICKUP".equals(s.get("kind")))
                .singleElement().satisfies(s -> assertThat(ids(s)).containsExactly(pickupId));
    }

    private List<Stop> startedStops = List.of();

    /** One pickup request near the station on the planned day; adds it to the packages the plan is checked with. */
    private Map<String, Object> pickup(String trackingId, double offset, double kg) {
        double lat = PlanningFixture.STATION.lat() + offset;
        double lon = PlanningFixture.STATION.lon() - offset;
        OffsetDateTime from = PlanningFixture.at(9, 0);
        OffsetDateTime to = PlanningFixture.at(21, 0);
        packages.putIfAbsent(trackingId, new PlanFeasibility.Pkg(trackingId, lat, lon, from, to, kg, 40 * 30 * 20 / 1000.0));
        Map<String, Object> body = new HashMap<>();
        body.put("trackingId", trackingId);
        body.put("recipientName", "Returning customer");
        body.put("address", "9 Return Rd, Seattle");
        body.put("location", Map.of("lat", lat, "lon", lon));
        body.put("window", Map.of("from", from.toString(), "to", to.toString()));
        body.put("weightKg", kg);
        body.put("lengthCm", 40);
        body.put("widthCm", 30);
        body.put("heightCm", 20);
        return body;
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec importPickups(List<?> pickups) {
        return http.post().uri("/v1/stations/{id}/pickups", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("pickups", pickups)).exchange();
    }

    private Map<?, ?> plan() {
        return planning.awaitDone(planning.start(station,
                PlanningFixture.planRequest(PlanningFixture.fleetEntry(60, 1), 1)));
    }

    private static List<String> ids(Map<?, ?> stop) {
        return ((List<?>) stop.get("trackingIds")).stream().map(String.class::cast).toList();
    }

    private static List<Map<?, ?>> stopsOf(Map<?, ?> plan) {
        List<Map<?, ?>> stops = new ArrayList<>();
        for (Object route : (List<?>) plan.get("routes")) {
            ((List<?>) ((Map<?, ?>) route).get("stops")).forEach(s -> stops.add((Map<?, ?>) s));
        }
        return stops;
    }

    /** Starts the plan's only route: its stops. */
    private List<Stop> startRoute(Map<?, ?> plan) {
        assertThat(PlanningFixture.routeIds(plan)).hasSize(1);
        startedStops = planning.startFirstRoute(plan, dsp, dispatcherToken(dsp), driver, driverToken, van);
        return startedStops;
    }

    private String status(String trackingId) {
        return column("status", trackingId);
    }

    private String kind(String trackingId) {
        return column("kind", trackingId);
    }

    private String column(String column, String trackingId) {
        return db.sql("SELECT " + column + " AS v FROM packages WHERE tracking_id = :id").bind("id", trackingId)
                .map(r -> r.get("v", String.class)).one().block();
    }

    private String stopStatus(String stopId) {
        return db.sql("SELECT status FROM stops WHERE id = :id").bind("id", stopId)
                .map(r -> r.get("status", String.class)).one().block();
    }

    private List<String> outbox(String trackingId) {
        return db.sql("SELECT event_type FROM outbox WHERE aggregate_id = :id ORDER BY id").bind("id", trackingId)
                .map(r -> r.get("event_type", String.class)).all().collectList().block();
    }
}
