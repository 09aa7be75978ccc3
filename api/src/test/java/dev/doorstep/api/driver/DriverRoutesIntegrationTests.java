package dev.doorstep.api.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.PlanningFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

class DriverRoutesIntegrationTests extends ApiIntegrationTest {

    private String ops;
    private String station;
    private PlanningFixture fixture;
    private String dsp;
    private String route;
    private String driver;
    private String driverToken;

    /** A published route assigned to one driver of one DSP. */
    @BeforeEach
    void assignedRoute() {
        ops = opsToken();
        station = createStation(ops);
        fixture = new PlanningFixture(http, ops);
        dsp = createDsp(ops);
        Map<?, ?> plan = fixture.readyPlan(station, 12, 10, 4);
        fixture.publish((String) plan.get("id"), Map.of(dsp, PlanningFixture.routeIds(plan).size()));
        route = PlanningFixture.routeIds(plan).get(0);
        driver = fixture.assignNewDriver(dsp, station, route, dispatcherToken(dsp));
        driverToken = token(driver, "DRIVER");
    }

    @Test
    void driverRunsItsRouteStopByStop() {
        Map<?, ?> itinerary = itinerary(driverToken);
        Map<?, ?> assigned = (Map<?, ?>) itinerary.get("route");
        assertThat(assigned.get("id")).isEqualTo(route);
        List<?> stops = (List<?>) assigned.get("stops");
        Map<?, ?> first = (Map<?, ?>) stops.get(0);
        assertThat(first.get("address")).isNotNull();
        assertThat((List<?>) first.get("trackingIds")).isNotEmpty();
        String trackingId = (String) ((List<?>) first.get("trackingIds")).get(0);

        post(driverToken, "/v1/driver/routes/{id}/start", route).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("IN_PROGRESS");
        http.get().uri("/v1/packages/{id}", trackingId).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("OUT_FOR_DELIVERY");
        post(driverToken, "/v1/driver/stops/{id}/arrive", first.get("id")).expectStatus().isOk()
                .expectBody().jsonPath("$.stops[0].status").isEqualTo("ARRIVED")
                .jsonPath("$.stops[1].status").isEqualTo("PENDING");
        post(driverToken, "/v1/driver/routes/{id}/finish", route).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("FINISHED");
    }

    @Test
    void everyIllegalTransitionIsAConflict() {
        String stop = firstStopId();
        expectIllegal(post(driverToken, "/v1/driver/stops/{id}/arrive", stop));
        expectIllegal(post(driverToken, "/v1/driver/routes/{id}/finish", route));

        post(driverToken, "/v1/driver/routes/{id}/start", route).expectStatus().isOk();
        expectIllegal(post(driverToken, "/v1/driver/routes/{id}/start", route));
        expectIllegal(http.put().uri("/v1/dsp/routes/{id}/assignment", route)
                .headers(h -> h.setBearerAuth(dispatcherToken(dsp)))
                .bodyValue(Map.of("driverId", fixture.createDriver(dsp, station), "vanId", fixture.createVan(dsp, 300)))
                .exchange());
        post(driverToken, "/v1/driver/stops/{id}/arrive", stop).expectStatus().isOk();
        expectIllegal(post(driverToken, "/v1/driver/stops/{id}/arrive", stop));

        post(driverToken, "/v1/driver/routes/{id}/finish", route).expectStatus().isOk();
        expectIllegal(post(driverToken, "/v1/driver/routes/{id}/finish", route));
        expectIllegal(post(driverToken, "/v1/driver/routes/{id}/start", route));
    }

    @Test
    void anotherDriversRouteAndStopsAreNotFound() {
        String stranger = token(fixture.createDriver(dsp, station), "DRIVER");
        String stop = firstStopId();

        post(stranger, "/v1/driver/routes/{id}/start", route).expectStatus().isNotFound();
        post(driverToken, "/v1/driver/routes/{id}/start", route).expectStatus().isOk();
        post(stranger, "/v1/driver/stops/{id}/arrive", stop).expectStatus().isNotFound();
        post(stranger, "/v1/driver/routes/{id}/finish", route).expectStatus().isNotFound();
        assertThat(itinerary(stranger).get("route")).isNull();
        http.get().uri("/v1/dsp/routes?date={d}", PlanningFixture.DAY)
                .headers(h -> h.setBearerAuth(dispatcherToken(createDsp(ops)))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }

    private String firstStopId() {
        Map<?, ?> assigned = (Map<?, ?>) itinerary(driverToken).get("route");
        return (String) ((Map<?, ?>) ((List<?>) assigned.get("stops")).get(0)).get("id");
    }

    private Map<?, ?> itinerary(String token) {
        return http.get().uri("/v1/driver/itinerary?date={d}", PlanningFixture.DAY).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec post(String token, String uri, Object id) {
        return http.post().uri(uri, id).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private static void expectIllegal(WebTestClient.ResponseSpec response) {
        response.expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("ILLEGAL_TRANSITION");
    }
}
