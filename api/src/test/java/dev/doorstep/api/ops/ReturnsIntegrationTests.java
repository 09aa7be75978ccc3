package dev.doorstep.api.ops;

import static dev.doorstep.api.support.DeliveryFixture.Image.photo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.DeliveryFixture;
import dev.doorstep.api.support.DeliveryFixture.Stop;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.api.support.TestImages;
import dev.doorstep.dispatch.returns.MissingPackages;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

class ReturnsIntegrationTests extends ApiIntegrationTest {

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

    @BeforeEach
    void stationWithADspDriver() {
        ops = opsToken();
        station = createStation(ops);
        planning = new PlanningFixture(http, ops);
        uploads = new DeliveryFixture(http);
        dsp = createDsp(ops);
        driver = planning.createDriver(dsp, station);
        driverToken = token(driver, "DRIVER");
        van = planning.createVan(dsp, 300);
        planning.importPackages(station, 6, 6);
    }

    @Test
    void attemptedPackagesComeBackAndAreTriedOnLaterDaysUntilTheThirdAttemptSendsThemBack() {
        List<Stop> day1 = routeOn(PlanningFixture.DAY);
        assertThat(day1).hasSizeGreaterThanOrEqualTo(3);
        String again = day1.get(0).trackingIds().get(0);
        String refused = day1.get(1).trackingIds().get(0);
        String delivered = day1.get(2).trackingIds().get(0);
        attempt(day1.get(0), again, "ATTEMPTED", "CUSTOMER_UNAVAILABLE");
        attempt(day1.get(1), refused, "ATTEMPTED", "REFUSED");
        attempt(day1.get(2), delivered, "DELIVERED", null);
        finishRoute(PlanningFixture.DAY);

        http.post().uri("/v1/stations/{id}/returns", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("trackingIds", List.of(again, refused, delivered, "NOPE0001", again))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.reattempts").isEqualTo(1)
                .jsonPath("$.returnsToSender").isEqualTo(1)
                .jsonPath("$.refused").isEqualTo(2)
                .jsonPath("$.results[0].outcome").isEqualTo("REATTEMPT")
                .jsonPath("$.results[0].status").isEqualTo("AT_STATION")
                .jsonPath("$.results[1].outcome").isEqualTo("RETURN_TO_SENDER")
                .jsonPath("$.results[2].outcome").isEqualTo("NOT_RETURNABLE")
                .jsonPath("$.results[2].status").isEqualTo("DELIVERED")
                .jsonPath("$.results[3].outcome").isEqualTo("NOT_FOUND");
        assertThat(status(refused)).isEqualTo("RETURN_TO_SENDER");

        for (int attempt = 2; attempt <= 3; attempt++) {
            LocalDate day = dueDay(again);
            assertThat(day).isAfter(PlanningFixture.DAY);
            Stop stop = routeOn(day).stream().filter(s -> s.trackingIds().contains(again)).findFirst().orElseThrow();
            attempt(stop, again, "ATTEMPTED", "NO_ACCESS");
            finishRoute(day);
            http.post().uri("/v1/stations/{id}/returns", station).headers(h -> h.setBearerAuth(ops))
                    .bodyValue(Map.of("trackingIds", List.of(again))).exchange()
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$.results[0].outcome").isEqualTo(attempt < 3 ? "REATTEMPT" : "RETURN_TO_SENDER")
                    .jsonPath("$.results[0].attempts").isEqualTo(attempt);
        }
        assertThat(status(again)).isEqualTo("RETURN_TO_SENDER");
        assertThat(outbox(again)).containsExactly("PackageAttempted", "PackageReturned", "PackageAttempted",
                "PackageReturned", "PackageAttempted", "PackageReturned", "PackageReturnToSender");
        assertThat(outbox(refused)).containsExactly("PackageAttempted", "PackageReturned", "PackageReturnToSender");
    }

    @Test
    void packagesNotBroughtBackByClosingTimeAreMissingAndReportedOnce() {
        List<Stop> stops = routeOn(PlanningFixture.DAY);
        String attempted = stops.get(0).trackingIds().get(0);
        attempt(stops.get(0), attempted, "ATTEMPTED", "NO_ACCESS");
        finishRoute(PlanningFixture.DAY);
        List<String> onRoute = stops.stream().flatMap(s -> s.trackingIds().stream()).toList();
        // The station closes at 22:00 in Seattle on the route's day (06:00 or 05:00 UTC the day after).
        java.time.Instant closing = PlanningFixture.at(22, 0).toInstant();

        missingPackages.reportMissing(closing.minusSeconds(60)).block();
        assertThat(status(attempted)).isEqualTo("ATTEMPTED");
        missingPackages.reportMissing(closing).block();
        assertThat(onRoute).allSatisfy(id -> assertThat(status(id)).isEqualTo("MISSING"));
        missingPackages.reportMissing(closing.plusSeconds(3600)).block();
        assertThat(outbox(attempted)).containsExactly("PackageAttempted", "PackageMissing");

        http.post().uri("/v1/stations/{id}/returns", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("trackingIds", List.of(attempted))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.results[0].outcome").isEqualTo("REATTEMPT");
    }

    @Test
    void aScanNeedsTrackingIdsAndAKnownStation() {
        http.post().uri("/v1/stations/{id}/returns", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("trackingIds", List.of())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("trackingIds");
        http.post().uri("/v1/stations/{id}/returns", "st_nowhere").headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("trackingIds", List.of("ABCD1234"))).exchange()
                .expectStatus().isNotFound();
    }

    /** Plans the day, hands every route to the DSP, puts the driver on the first and starts it. */
    private List<Stop> routeOn(LocalDate day) {
        Map<String, Object> request = new HashMap<>(PlanningFixture.planRequest(PlanningFixture.fleetEntry(60, 1), 1));
        request.put("date", day.toString());
        Map<?, ?> plan = planning.awaitDone(planning.start(station, request));
        return planning.startFirstRoute(plan, dsp, dispatcherToken(dsp), driver, driverToken, van);
    }

    private void attempt(Stop stop, String trackingId, String outcome, String reason) {
        Stop one = new Stop(stop.id(), stop.lat(), stop.lon(), List.of(trackingId));
        uploads.upload(driverToken, stop.id(), null, DeliveryFixture.attempt(one, outcome, "FRONT_DOOR", reason),
                photo(TestImages.jpeg(200 + trackingId.hashCode() % 50, 150))).expectStatus().isCreated();
    }

    private void finishRoute(LocalDate day) {
        planning.finishRoute(driverToken, day);
    }

    /** The local date the package's (moved) window starts on, at the Seattle station. */
    private LocalDate dueDay(String trackingId) {
        Map<?, ?> pkg = http.get().uri("/v1/packages/{id}", trackingId).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(pkg.get("status")).isEqualTo("AT_STATION");
        String from = (String) ((Map<?, ?>) pkg.get("window")).get("from");
        return OffsetDateTime.parse(from).atZoneSameInstant(java.time.ZoneId.of("America/Los_Angeles")).toLocalDate();
    }

    private String status(String trackingId) {
        return db.sql("SELECT status FROM packages WHERE tracking_id = :id").bind("id", trackingId)
                .map(r -> r.get("status", String.class)).one().block();
    }

    private List<String> outbox(String trackingId) {
        return db.sql("SELECT event_type FROM outbox WHERE aggregate_id = :id ORDER BY id").bind("id", trackingId)
                .map(r -> r.get("event_type", String.class)).all().collectList().block();
    }
}
