package dev.doorstep.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.api.support.TestClock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

class FlexPublishIntegrationTests extends ApiIntegrationTest {

    @Autowired
    private TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void routesLeftAfterTheDspsBecomeFlexBlocksWhoseDriverGetsTheRouteAtCheckIn() {
        clock.setTo(PlanningFixture.DAY.atStartOfDay(PlanningFixture.ZONE).toInstant());
        String ops = opsToken();
        String station = createStation(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        String dspA = createDsp(ops);
        String dspB = createDsp(ops);
        Map<?, ?> plan = fixture.readyPlan(station, 36, 6, 12);
        List<String> routes = PlanningFixture.routeIds(plan);
        assertThat(routes).hasSizeGreaterThanOrEqualTo(5);

        publish(ops, plan, Map.of("dsps", List.of(Map.of("dspId", dspA, "routes", 1), Map.of("dspId", dspB, "routes", 1)),
                "flexBlocks", Map.of("count", 2, "pay", Map.of("amount", 95, "currency", "USD"))))
                .expectStatus().isOk();

        List<Map<?, ?>> blocks = routedBlocks(ops, station);
        assertThat(blocks).hasSize(2).allSatisfy(block -> {
            Map<?, ?> route = route(plan, (String) block.get("routeId"));
            assertThat(routes.subList(2, routes.size())).contains((String) block.get("routeId"));
            assertThat(block.get("status")).isEqualTo("OFFERED");
            assertThat(OffsetDateTime.parse((String) block.get("startsAt")))
                    .isEqualTo(OffsetDateTime.parse((String) route.get("plannedStart")));
            int minutes = (Integer) block.get("durationMinutes");
            assertThat(minutes % 30).isZero();
            assertThat(minutes).isBetween(60, 480)
                    .isGreaterThanOrEqualTo((int) Math.ceil(((Number) route.get("durationSeconds")).doubleValue() / 60));
        });
        assertThat(dspRoutes(dspA)).containsExactly(routes.get(0));
        assertThat(dspRoutes(dspB)).containsExactly(routes.get(1));

        String flexDriver = flexDriver(ops, station);
        String driverToken = token(flexDriver, "DRIVER");
        Map<?, ?> first = blocks.get(0);
        checkedIn(driverToken, first);
        http.get().uri("/v1/driver/blocks/{id}/route", first.get("id")).headers(h -> h.setBearerAuth(driverToken))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.routeId").isEqualTo(first.get("routeId"))
                .jsonPath("$.status").isEqualTo("ASSIGNED")
                .jsonPath("$.stops.length()").isEqualTo(((List<?>) route(plan, (String) first.get("routeId"))
                        .get("stops")).size());

        // A second routed block the same day: the one-route-per-driver-day rule is for DSP routes only.
        String leftover = routes.stream().skip(2).filter(id -> blocks.stream().noneMatch(b -> id.equals(b.get("routeId"))))
                .findFirst().orElseThrow();
        OffsetDateTime laterStart = OffsetDateTime.parse((String) first.get("endsAt")).plusMinutes(30);
        Map<?, ?> second = http.post().uri("/v1/stations/{id}/blocks", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("startsAt", laterStart.toString(), "durationMinutes", 60, "serviceType", "LOGISTICS",
                        "pay", Map.of("amount", 40, "currency", "USD"), "routeId", leftover))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        checkedIn(driverToken, (Map<?, ?>) ((List<?>) second.get("items")).get(0));
        http.get().uri("/v1/driver/blocks/{id}/route", ((Map<?, ?>) ((List<?>) second.get("items")).get(0)).get("id"))
                .headers(h -> h.setBearerAuth(driverToken)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.routeId").isEqualTo(leftover);
    }

    @Test
    void moreFlexBlocksThanRoutesLeftIsABadRequestAndNothingIsPublished() {
        clock.setTo(PlanningFixture.DAY.atStartOfDay(PlanningFixture.ZONE).toInstant());
        String ops = opsToken();
        String station = createStation(ops);
        Map<?, ?> plan = new PlanningFixture(http, ops).readyPlan(station, 12, 10, 4);
        int routes = PlanningFixture.routeIds(plan).size();

        publish(ops, plan, Map.of("dsps", List.of(Map.of("dspId", createDsp(ops), "routes", 1)),
                "flexBlocks", Map.of("count", routes, "pay", Map.of("amount", 95, "currency", "USD"))))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("flexBlocks");
        assertThat(routedBlocks(ops, station)).isEmpty();
        http.get().uri("/v1/plans/{id}", plan.get("id")).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("READY");
    }

    private WebTestClient.ResponseSpec publish(String ops, Map<?, ?> plan, Map<String, Object> body) {
        return http.post().uri("/v1/plans/{id}/publish", plan.get("id")).headers(h -> h.setBearerAuth(ops))
                .bodyValue(body).exchange();
    }

    private void checkedIn(String driverToken, Map<?, ?> block) {
        http.post().uri("/v1/driver/offers/{id}/claim", block.get("id")).headers(h -> h.setBearerAuth(driverToken))
                .exchange().expectStatus().isOk();
        clock.setTo(OffsetDateTime.parse((String) block.get("startsAt")).toInstant().minus(Duration.ofMinutes(5)));
        http.post().uri("/v1/driver/blocks/{id}/check-in", block.get("id")).headers(h -> h.setBearerAuth(driverToken))
                .bodyValue(Map.of("lat", PlanningFixture.STATION.lat(), "lon", PlanningFixture.STATION.lon(),
                        "accuracy", 5))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.routeId").isEqualTo(block.get("routeId"));
    }

    private List<Map<?, ?>> routedBlocks(String ops, String station) {
        Map<?, ?> page = http.get().uri("/v1/stations/{id}/blocks", station).headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) page.get("items")).stream().<Map<?, ?>>map(b -> (Map<?, ?>) b).filter(b -> b.get("routeId") != null)
                .toList();
    }

    private List<String> dspRoutes(String dsp) {
        Map<?, ?> page = http.get().uri("/v1/dsp/routes?date={d}", PlanningFixture.DAY)
                .headers(h -> h.setBearerAuth(dispatcherToken(dsp))).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) page.get("items")).stream().map(r -> (String) ((Map<?, ?>) r).get("id")).toList();
    }

    private String flexDriver(String ops, String station) {
        Map<?, ?> driver = http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("name", "Flex " + unique(), "kind", "FLEX", "homeStationId", station,
                        "phone", "+12065550111"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) driver.get("id");
    }

    private static Map<?, ?> route(Map<?, ?> plan, String routeId) {
        return ((List<?>) plan.get("routes")).stream().map(r -> (Map<?, ?>) r).filter(r -> routeId.equals(r.get("id")))
                .findFirst().orElseThrow();
    }
}
