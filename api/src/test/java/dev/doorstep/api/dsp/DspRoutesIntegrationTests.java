package dev.doorstep.api.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.dispatch.routes.UnassignedRoutes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

class DspRoutesIntegrationTests extends ApiIntegrationTest {

    @Autowired
    private UnassignedRoutes unassignedRoutes;
    @Autowired
    private DatabaseClient db;

    private String ops;
    private String station;
    private PlanningFixture fixture;
    private String dspA;
    private String dspB;
    private Map<?, ?> plan;
    private List<String> routes;

    /** A READY plan of at least three routes (30 packages, vans of 10). */
    @BeforeEach
    void planOfTheDay() {
        ops = opsToken();
        station = createStation(ops);
        fixture = new PlanningFixture(http, ops);
        dspA = createDsp(ops);
        dspB = createDsp(ops);
        plan = fixture.readyPlan(station, 30, 10, 6);
        routes = PlanningFixture.routeIds(plan);
        assertThat(routes).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void publishHandsEachDspOnlyTheRoutesItAskedFor() {
        Map<?, ?> published = fixture.publish((String) plan.get("id"), shares(2, 1));

        assertThat(published.get("status")).isEqualTo("PUBLISHED");
        assertThat(dspRoutes(dspA)).containsExactly(routes.get(0), routes.get(1));
        assertThat(dspRoutes(dspB)).containsExactly(routes.get(2));
        String trackingId = firstTrackingId(published);
        http.get().uri("/v1/packages/{id}", trackingId).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PLANNED");
        http.post().uri("/v1/plans/{id}/publish", plan.get("id")).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("dsps", List.of(Map.of("dspId", dspA, "routes", 1)))).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("PLAN_NOT_READY");
    }

    @Test
    void aRerunAfterPublishingLeavesThePublishedPlanAlone() {
        fixture.publish((String) plan.get("id"), shares(1, 1));

        Map<?, ?> rerun = fixture.awaitDone(fixture.start(station,
                PlanningFixture.planRequest(PlanningFixture.fleetEntry(10, 6), 1)));

        assertThat(rerun.get("packageCount")).isEqualTo(0);
        http.get().uri("/v1/plans/{id}", plan.get("id")).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PUBLISHED")
                .jsonPath("$.routes.length()").isEqualTo(routes.size());
    }

    @Test
    void publishingMoreRoutesThanThePlanHasOrToAnUnknownDspIsRefused() {
        http.post().uri("/v1/plans/{id}/publish", plan.get("id")).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("dsps", List.of(Map.of("dspId", dspA, "routes", routes.size() + 1)))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("dsps");
        http.post().uri("/v1/plans/{id}/publish", plan.get("id")).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("dsps", List.of(Map.of("dspId", "dsp_unknown", "routes", 1)))).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/v1/plans/{id}", plan.get("id")).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("READY");
    }

    @Test
    void dispatcherAssignsOnlyItsOwnDriversAndVansToItsOwnRoutes() {
        fixture.publish((String) plan.get("id"), shares(2, 1));
        String driverA = fixture.createDriver(dspA, station);
        String vanA = fixture.createVan(dspA, 300);
        String driverB = fixture.createDriver(dspB, station);
        String vanB = fixture.createVan(dspB, 300);

        assign(dspA, routes.get(0), driverA, vanA).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("ASSIGNED").jsonPath("$.driverId").isEqualTo(driverA)
                .jsonPath("$.vanId").isEqualTo(vanA).jsonPath("$.version").isEqualTo(2);
        assign(dspA, routes.get(2), driverA, vanA).expectStatus().isNotFound();
        assign(dspA, routes.get(1), driverB, vanA).expectStatus().isNotFound();
        assign(dspA, routes.get(1), driverA, vanB).expectStatus().isNotFound();
        assign(dspB, routes.get(0), driverB, vanB).expectStatus().isNotFound();
        assertThat(dspRoutes(dspB)).containsExactly(routes.get(2));
    }

    @Test
    void theDispatcherReadsItsDspAndTheStationsByNameAndEachRouteSaysItsStation() {
        fixture.publish((String) plan.get("id"), shares(2, 1));
        String dspName = (String) http.get().uri("/v1/dsps/{id}", dspA).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("name");
        String stationName = (String) http.get().uri("/v1/stations/{id}", station).headers(h -> h.setBearerAuth(ops))
                .exchange().expectBody(Map.class).returnResult().getResponseBody().get("name");

        http.get().uri("/v1/dsp/profile").headers(h -> h.setBearerAuth(dispatcherToken(dspA))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(dspA).jsonPath("$.name").isEqualTo(dspName)
                .jsonPath("$.stations[?(@.id == '" + station + "')].name").isEqualTo(stationName)
                .jsonPath("$.stations[?(@.id == '" + station + "')].timeZone").isEqualTo("America/Los_Angeles");
        http.get().uri("/v1/dsp/routes?date={d}", PlanningFixture.DAY).headers(h -> h.setBearerAuth(dispatcherToken(dspA)))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.items[*].stationId")
                .isEqualTo(List.of(station, station));
        http.get().uri("/v1/dsp/profile").headers(h -> h.setBearerAuth(token("drv_nobody", "DRIVER"))).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void theProfileNamesEveryStationEvenBeyondOnePageOfThem() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            created.add(createStation(ops));
        }

        assertThat(stationIds(dspA)).containsAll(created).doesNotHaveDuplicates();
    }

    @SuppressWarnings("unchecked")
    private List<String> stationIds(String dsp) {
        Map<String, Object> profile = http.get().uri("/v1/dsp/profile")
                .headers(h -> h.setBearerAuth(dispatcherToken(dsp))).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) profile.get("stations")).stream().map(s -> (String) s.get("id")).toList();
    }

    @Test
    void aVanTooSmallOrADriverAlreadyOutThatDayIsAConflict() {
        fixture.publish((String) plan.get("id"), shares(2, 1));
        String driver = fixture.createDriver(dspA, station);
        String tinyVan = fixture.createVan(dspA, 1);
        String van = fixture.createVan(dspA, 300);

        // The problems name the van and the driver as the dispatcher knows them, and the other route by number.
        assign(dspA, routes.get(0), driver, tinyVan).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("VAN_TOO_SMALL")
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).startsWith("Van V")
                        .doesNotContain(tinyVan));
        assign(dspA, routes.get(0), driver, van).expectStatus().isOk();
        assign(dspA, routes.get(1), driver, van).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("DRIVER_BUSY")
                .jsonPath("$.detail").isEqualTo("Driver Ana Ruiz is already on Route 1 that day");
        assign(dspA, routes.get(0), fixture.createDriver(dspA, station), van).expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(3);
    }

    @Test
    void oneDriverAssignedToTwoRoutesAtOnceEndsOnExactlyOne() {
        fixture.publish((String) plan.get("id"), shares(2, 1));
        String driver = fixture.createDriver(dspA, station);
        String van = fixture.createVan(dspA, 300);

        List<CompletableFuture<Integer>> attempts = List.of(routes.get(0), routes.get(1)).stream()
                .map(route -> CompletableFuture.supplyAsync(() -> assign(dspA, route, driver, van)
                        .returnResult(String.class).getStatus().value()))
                .toList();
        List<Integer> statuses = attempts.stream().map(CompletableFuture::join).sorted().toList();

        assertThat(statuses).containsExactly(200, 409);
        Long onRoutes = db.sql("SELECT count(*) AS n FROM routes WHERE driver_id = :driver").bind("driver", driver)
                .map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(10));
        assertThat(onRoutes).isEqualTo(1);
    }

    @Test
    void dispatcherWithoutRoutesThatDaySeesNone() {
        fixture.publish((String) plan.get("id"), shares(1, 1));
        http.get().uri("/v1/dsp/routes?date={d}", PlanningFixture.DAY.plusDays(1)).headers(h -> h.setBearerAuth(dispatcherToken(dspA)))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
        http.get().uri("/v1/dsp/routes").headers(h -> h.setBearerAuth(dispatcherToken(dspA)))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("date");
    }

    @Test
    void routesStillUnassignedAnHourBeforeTheirStartAreReportedOnce() {
        fixture.publish((String) plan.get("id"), shares(2, 1));
        assign(dspA, routes.get(0), fixture.createDriver(dspA, station), fixture.createVan(dspA, 300))
                .expectStatus().isOk();
        Instant halfAnHourBeforeTheShift = PlanningFixture.at(7, 30).toInstant();
        Instant dayBefore = halfAnHourBeforeTheShift.minus(Duration.ofDays(1));

        assertThat(unassignedRoutes.reportDue(dayBefore).block(Duration.ofSeconds(10))).isNotNull();
        assertThat(reported()).isEmpty();
        unassignedRoutes.reportDue(halfAnHourBeforeTheShift).block(Duration.ofSeconds(10));
        unassignedRoutes.reportDue(halfAnHourBeforeTheShift).block(Duration.ofSeconds(10));

        assertThat(reported()).containsExactlyInAnyOrder(routes.get(1), routes.get(2));
    }

    private List<String> reported() {
        return db.sql("SELECT aggregate_id FROM outbox WHERE event_type = 'RouteUnassigned' "
                        + "AND aggregate_id = ANY(:ids::text[])")
                .bind("ids", routes.toArray(String[]::new))
                .map(row -> row.get("aggregate_id", String.class)).all().collectList().block(Duration.ofSeconds(10));
    }

    private Map<String, Integer> shares(int a, int b) {
        Map<String, Integer> shares = new LinkedHashMap<>();
        shares.put(dspA, a);
        shares.put(dspB, b);
        return shares;
    }

    private List<String> dspRoutes(String dsp) {
        Map<?, ?> page = http.get().uri("/v1/dsp/routes?date={d}", PlanningFixture.DAY)
                .headers(h -> h.setBearerAuth(dispatcherToken(dsp))).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) page.get("items")).stream().map(r -> (String) ((Map<?, ?>) r).get("id")).toList();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec assign(String dsp, String route,
            String driver, String van) {
        return http.put().uri("/v1/dsp/routes/{id}/assignment", route).headers(h -> h.setBearerAuth(dispatcherToken(dsp)))
                .bodyValue(Map.of("driverId", driver, "vanId", van)).exchange();
    }

    private static String firstTrackingId(Map<?, ?> plan) {
        Map<?, ?> route = (Map<?, ?>) ((List<?>) plan.get("routes")).get(0);
        Map<?, ?> stop = (Map<?, ?>) ((List<?>) route.get("stops")).get(0);
        return (String) ((List<?>) stop.get("trackingIds")).get(0);
    }
}
