package dev.doorstep.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.PlanFeasibility;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.api.support.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

@SuppressWarnings("rawtypes")
class RouteResequencingIntegrationTests extends ApiIntegrationTest {

    @Autowired
    private DatabaseClient db;
    @Autowired
    private TestClock clock;
    private String ops;
    private String station;
    private PlanningFixture fixture;
    private Map<String, PlanFeasibility.Pkg> packages;
    private String route;
    private String dsp;
    private String driver;
    private String driverToken;

    /** A published route assigned to a driver, with its packages as imported. */
    @BeforeEach
    void assignedRoute() {
        ops = opsToken();
        station = createStation(ops);
        fixture = new PlanningFixture(http, ops);
        dsp = createDsp(ops);
        packages = new HashMap<>(fixture.importPackages(station, 12, 12));
        Map<?, ?> plan = fixture.awaitDone(fixture.start(station,
                PlanningFixture.planRequest(PlanningFixture.fleetEntry(10, 4), 1)));
        fixture.publish((String) plan.get("id"), Map.of(dsp, PlanningFixture.routeIds(plan).size()));
        route = PlanningFixture.routeIds(plan).get(0);
        driver = fixture.assignNewDriver(dsp, station, route, dispatcherToken(dsp));
        driverToken = token(driver, "DRIVER");
    }

    @Test
    void aPackageAddedToARouteInProgressIsFittedInWhileTheStopReachedStaysAsItWas() {
        Map<?, ?> before = itineraryRoute();
        Map<?, ?> first = stops(before).get(0);
        http.post().uri("/v1/driver/routes/{id}/start", route).headers(h -> h.setBearerAuth(driverToken)).exchange()
                .expectStatus().isOk();
        http.post().uri("/v1/driver/stops/{id}/arrive", first.get("id")).headers(h -> h.setBearerAuth(driverToken))
                .exchange().expectStatus().isOk();
        Map<String, PlanFeasibility.Pkg> added = fixture.importPackages(station, 1, 99);
        packages.putAll(added);
        String trackingId = added.keySet().iterator().next();

        Map<?, ?> after = change(http.post().uri("/v1/routes/{id}/packages", route)
                .headers(h -> h.setBearerAuth(ops)).bodyValue(Map.of("trackingId", trackingId)).exchange());

        Map<?, ?> reached = stops(after).get(0);
        assertThat(reached.get("id")).isEqualTo(first.get("id"));
        assertThat(reached.get("status")).isEqualTo("ARRIVED");
        assertThat(reached.get("plannedArrival")).isEqualTo(first.get("plannedArrival"));
        assertThat(reached.get("plannedDeparture")).isEqualTo(first.get("plannedDeparture"));
        assertThat(trackingIds(after)).contains(trackingId).hasSize(trackingIds(before).size() + 1);
        assertThat(((Map<?, ?>) after.get("load")).get("packages")).isEqualTo(trackingIds(before).size() + 1);
        assertThat(feasibility(after)).isEmpty();
        assertThat(itineraryRoute().get("stops")).isEqualTo(after.get("stops"));
        packageStatus(trackingId, "OUT_FOR_DELIVERY");
        assertThat(db.sql("SELECT payload::text AS p FROM outbox WHERE event_type = 'RouteResequenced' "
                        + "AND aggregate_id = :id").bind("id", route).map(row -> row.get("p", String.class)).all()
                .collectList().block(Duration.ofSeconds(10)))
                .singleElement().asString().contains(trackingId, "ADDED");
    }

    @Test
    void takingOffEveryPackageOfAStopRemovesTheStopAndSendsThePackagesBackToTheStation() {
        Map<?, ?> before = itineraryRoute();
        Map<?, ?> last = stops(before).get(stops(before).size() - 1);
        Map<?, ?> after = before;
        for (Object trackingId : (List<?>) last.get("trackingIds")) {
            after = change(http.delete().uri("/v1/routes/{id}/packages/{t}", route, trackingId)
                    .headers(h -> h.setBearerAuth(ops)).exchange());
            packageStatus((String) trackingId, "AT_STATION");
        }

        assertThat(stops(after)).hasSize(stops(before).size() - 1)
                .noneMatch(stop -> stop.get("id").equals(last.get("id")));
        assertThat(trackingIds(after)).doesNotContainAnyElementsOf((List<?>) last.get("trackingIds"));
        assertThat(stops(after)).extracting(stop -> stop.get("seq"))
                .isEqualTo(IntStream.range(0, stops(after).size()).boxed().toList());
        assertThat(feasibility(after)).isEmpty();
        http.delete().uri("/v1/routes/{id}/packages/{t}", route, ((List<?>) last.get("trackingIds")).get(0))
                .headers(h -> h.setBearerAuth(ops)).exchange().expectStatus().isNotFound();
    }

    @Test
    void aPackageTheRoutesVanCannotCarryIsRefused() {
        int load = (Integer) ((Map<?, ?>) itineraryRoute().get("load")).get("packages");
        http.put().uri("/v1/dsp/routes/{id}/assignment", route).headers(h -> h.setBearerAuth(dispatcherToken(dsp)))
                .bodyValue(Map.of("driverId", driver, "vanId", fixture.createVan(dsp, load))).exchange()
                .expectStatus().isOk();
        String extra = fixture.importPackages(station, 1, 42).keySet().iterator().next();

        http.post().uri("/v1/routes/{id}/packages", route).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("trackingId", extra)).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("VAN_TOO_SMALL");
        packageStatus(extra, "MANIFESTED");
    }

    @Test
    void twoChangesAtOnceNeverLoseOneOfThem() {
        Map<?, ?> before = itineraryRoute();
        List<String> extra = new ArrayList<>(fixture.importPackages(station, 2, 77).keySet());
        List<CompletableFuture<EntityExchangeResult<Map>>> answers = extra.stream()
                .map(id -> CompletableFuture.supplyAsync(() -> http.post().uri("/v1/routes/{id}/packages", route)
                        .headers(h -> h.setBearerAuth(ops)).bodyValue(Map.of("trackingId", id)).exchange()
                        .expectBody(Map.class).returnResult()))
                .toList();

        List<String> added = new ArrayList<>();
        for (int i = 0; i < extra.size(); i++) {
            EntityExchangeResult<Map> answer = answers.get(i).join();
            if (answer.getStatus().value() == 200) {
                added.add(extra.get(i));
            } else {
                assertThat(answer.getStatus().value()).isEqualTo(409);
                assertThat(answer.getResponseBody()).containsEntry("reason", "CONCURRENT_UPDATE");
                packageStatus(extra.get(i), "MANIFESTED");
            }
        }
        Map<?, ?> after = itineraryRoute();
        assertThat(added).isNotEmpty();
        assertThat(trackingIds(after)).containsAll(added).hasSize(trackingIds(before).size() + added.size());
        assertThat(((Map<?, ?>) after.get("load")).get("packages")).isEqualTo(trackingIds(before).size() + added.size());
        assertThat(stops(after)).extracting(stop -> stop.get("seq"))
                .isEqualTo(IntStream.range(0, stops(after).size()).boxed().toList());
    }

    @Test
    void anotherStationsPackageIsRefused() {
        String otherStation = createStation(ops);
        String foreign = fixture.importPackages(otherStation, 1, 7).keySet().iterator().next();

        http.post().uri("/v1/routes/{id}/packages", route).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("trackingId", foreign)).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.reason").isEqualTo("OTHER_STATION");
        packageStatus(foreign, "MANIFESTED");
    }

    @Test
    void aPackageAddedToARouteInProgressPastItsShiftIsRefusedWithAReasonAndChangesNothing() {
        http.post().uri("/v1/driver/routes/{id}/start", route).headers(h -> h.setBearerAuth(driverToken)).exchange()
                .expectStatus().isOk();
        Map<?, ?> before = itineraryRoute();
        String late = fixture.importPackages(station, 1, 31).keySet().iterator().next();
        // The next morning: the route's 10-hour shift from 08:00 ended at 18:00 the day before.
        clock.setTo(PlanningFixture.DAY.plusDays(1).atTime(9, 0).atZone(PlanningFixture.ZONE).toInstant());
        try {
            http.post().uri("/v1/routes/{id}/packages", route).headers(h -> h.setBearerAuth(ops))
                    .bodyValue(Map.of("trackingId", late)).exchange()
                    .expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("ROUTE_CANNOT_TAKE");
        } finally {
            clock.reset();
        }
        packageStatus(late, "MANIFESTED");
        assertThat(itineraryRoute().get("stops")).isEqualTo(before.get("stops"));
    }

    @Test
    void aPackageAlreadyOnARouteCannotBeAddedAgainAndAFinishedRouteNoLongerChanges() {
        Map<?, ?> before = itineraryRoute();
        String onRoute = (String) trackingIds(before).get(0);
        http.post().uri("/v1/routes/{id}/packages", route).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("trackingId", onRoute)).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("PACKAGE_NOT_AVAILABLE");
        http.post().uri("/v1/driver/routes/{id}/start", route).headers(h -> h.setBearerAuth(driverToken)).exchange()
                .expectStatus().isOk();
        http.post().uri("/v1/driver/routes/{id}/finish", route).headers(h -> h.setBearerAuth(driverToken)).exchange()
                .expectStatus().isOk();
        http.delete().uri("/v1/routes/{id}/packages/{t}", route, onRoute).headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason")
                .isEqualTo("ILLEGAL_TRANSITION");
    }

    private List<String> feasibility(Map<?, ?> changed) {
        Map<String, PlanFeasibility.Pkg> onRoute = new HashMap<>();
        trackingIds(changed).forEach(id -> onRoute.put((String) id, packages.get((String) id)));
        return PlanFeasibility.violations(Map.of("routes", List.of(changed), "unplannedPackages", List.of()), onRoute,
                PlanningFixture.STATION, PlanningFixture.fleet(300, 1), PlanningFixture.ROAD_FACTOR);
    }

    private Map<?, ?> change(WebTestClient.ResponseSpec response) {
        return response.expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private void packageStatus(String trackingId, String status) {
        http.get().uri("/v1/packages/{id}", trackingId).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo(status);
    }

    private Map<?, ?> itineraryRoute() {
        Map<?, ?> itinerary = http.get().uri("/v1/driver/itinerary?date={d}", PlanningFixture.DAY)
                .headers(h -> h.setBearerAuth(driverToken)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (Map<?, ?>) itinerary.get("route");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> stops(Map<?, ?> route) {
        return (List<Map<?, ?>>) route.get("stops");
    }

    private static List<Object> trackingIds(Map<?, ?> route) {
        List<Object> ids = new ArrayList<>();
        stops(route).forEach(stop -> ids.addAll((List<?>) stop.get("trackingIds")));
        return ids;
    }
}
