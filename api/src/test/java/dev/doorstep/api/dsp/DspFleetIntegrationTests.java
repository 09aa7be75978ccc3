package dev.doorstep.api.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Fleet;
import dev.doorstep.api.support.PlanningFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A dispatcher manages its own DSP's drivers and vans, and never another DSP's. */
class DspFleetIntegrationTests extends ApiIntegrationTest {

    private String ops;
    private String station;
    private String dspA;
    private String dspB;
    private String dispatcherA;

    @BeforeEach
    void twoDsps() {
        ops = opsToken();
        station = createStation(ops);
        dspA = createDsp(ops);
        dspB = createDsp(ops);
        dispatcherA = dispatcherToken(dspA);
    }

    @Test
    void aDispatcherCreatesListsAndDeactivatesItsOwnDrivers() {
        Map<?, ?> created = http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(dispatcherA))
                .bodyValue(Map.of("name", "Ana Ruiz", "homeStationId", station, "phone", "+12065550111")).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String own = (String) created.get("id");
        String other = Fleet.driver(http, ops, dspB, station);

        assertThat(List.of(created.get("kind"), created.get("dspId"), created.get("active")))
                .containsExactly("DSP", dspA, true);
        http.patch().uri("/v1/drivers/{id}", own).headers(h -> h.setBearerAuth(dispatcherA))
                .bodyValue(Map.of("name", "Ana M. Ruiz", "phone", "+12065550112", "active", false)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("Ana M. Ruiz")
                .jsonPath("$.phone").isEqualTo("+12065550112")
                .jsonPath("$.active").isEqualTo(false);
        assertThat(driverIds("/v1/drivers", dispatcherA)).containsExactly(own);
        assertThat(driverIds("/v1/drivers?active=true", dispatcherA)).isEmpty();
        assertThat(driverIds("/v1/drivers?dspId=" + dspA + "&active=false", ops)).containsExactly(own);
    }

    @Test
    void aDispatcherCannotReadEditOrCreateAnotherDspsDrivers() {
        String other = Fleet.driver(http, ops, dspB, station);

        http.get().uri("/v1/drivers/{id}", other).headers(h -> h.setBearerAuth(dispatcherA)).exchange()
                .expectStatus().isNotFound();
        http.patch().uri("/v1/drivers/{id}", other).headers(h -> h.setBearerAuth(dispatcherA))
                .bodyValue(Map.of("active", false)).exchange().expectStatus().isNotFound();
        http.get().uri("/v1/drivers?dspId={dsp}", dspB).headers(h -> h.setBearerAuth(dispatcherA)).exchange()
                .expectStatus().isNotFound();
        http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(dispatcherA))
                .bodyValue(Map.of("name", "Mole", "kind", "DSP", "dspId", dspB, "homeStationId", station,
                        "phone", "+12065550113")).exchange()
                .expectStatus().isNotFound();
        http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(dispatcherA))
                .bodyValue(Map.of("name", "Flexer", "kind", "FLEX", "homeStationId", station,
                        "phone", "+12065550114")).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.reason").isEqualTo("FLEX_DRIVER");
        http.get().uri("/v1/drivers/{id}", other).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(true);
        http.patch().uri("/v1/drivers/{id}", other).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("phone", "12345")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("phone");
    }

    @Test
    void aDispatcherAddsAndEditsItsOwnVansOnly() {
        Map<?, ?> van = http.post().uri("/v1/dsps/{id}/vans", dspA).headers(h -> h.setBearerAuth(dispatcherA))
                .bodyValue(vanBody("a-" + unique())).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String otherVan = new PlanningFixture(http, ops).createVan(dspB, 100);

        http.patch().uri("/v1/dsps/{id}/vans/{van}", dspA, van.get("id")).headers(h -> h.setBearerAuth(dispatcherA))
                .bodyValue(Map.of("capacityPackages", 180, "active", false)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.capacityPackages").isEqualTo(180)
                .jsonPath("$.plate").isEqualTo(van.get("plate"))
                .jsonPath("$.active").isEqualTo(false);
        http.post().uri("/v1/dsps/{id}/vans", dspB).headers(h -> h.setBearerAuth(dispatcherA))
                .bodyValue(vanBody("b-" + unique())).exchange().expectStatus().isNotFound();
        http.patch().uri("/v1/dsps/{id}/vans/{van}", dspB, otherVan).headers(h -> h.setBearerAuth(dispatcherA))
                .bodyValue(Map.of("active", false)).exchange().expectStatus().isNotFound();
        http.patch().uri("/v1/dsps/{id}/vans/{van}", dspA, otherVan).headers(h -> h.setBearerAuth(dispatcherA))
                .bodyValue(Map.of("active", false)).exchange().expectStatus().isNotFound();
        http.patch().uri("/v1/dsps/{id}/vans/{van}", dspA, van.get("id")).headers(h -> h.setBearerAuth(dispatcherA))
                .bodyValue(Map.of("capacityPackages", 0)).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("capacityPackages");
        assertThat(vanStates(dspA, "")).containsExactly(false);
        assertThat(vanStates(dspA, "?active=true")).isEmpty();
        assertThat(vanStates(dspB, "")).containsExactly(true);
    }

    @Test
    void anInactiveDriverOrVanCannotBePutOnARoute() {
        PlanningFixture fixture = new PlanningFixture(http, ops);
        Map<?, ?> plan = fixture.readyPlan(station, 4, 10, 1);
        fixture.publish((String) plan.get("id"), Map.of(dspA, 1));
        String route = PlanningFixture.routeIds(plan).get(0);
        String driver = fixture.createDriver(dspA, station);
        String van = fixture.createVan(dspA, 50);
        Map<String, String> assignment = Map.of("driverId", driver, "vanId", van);

        setActive("/v1/drivers/" + driver, false);
        assign(route, assignment).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("DRIVER_INACTIVE")
                .jsonPath("$.detail").isEqualTo("Driver Ana Ruiz is inactive");
        setActive("/v1/drivers/" + driver, true);
        setActive("/v1/dsps/" + dspA + "/vans/" + van, false);
        assign(route, assignment).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("VAN_INACTIVE")
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).matches("Van V\\w+ is inactive")
                        .doesNotContain(van));
        setActive("/v1/dsps/" + dspA + "/vans/" + van, true);
        assign(route, assignment).expectStatus().isOk().expectBody().jsonPath("$.driverId").isEqualTo(driver);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec assign(String route,
            Map<String, String> assignment) {
        return http.put().uri("/v1/dsp/routes/{id}/assignment", route).headers(h -> h.setBearerAuth(dispatcherA))
                .bodyValue(assignment).exchange();
    }

    private void setActive(String path, boolean active) {
        http.patch().uri(path).headers(h -> h.setBearerAuth(dispatcherA)).bodyValue(Map.of("active", active))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(active);
    }

    private List<Object> driverIds(String path, String token) {
        List<?> items = (List<?>) http.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("items");
        return items.stream().map(d -> (Object) ((Map<?, ?>) d).get("id")).toList();
    }

    private List<Object> vanStates(String dsp, String query) {
        List<?> items = (List<?>) http.get().uri("/v1/dsps/" + dsp + "/vans" + query)
                .headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("items");
        return items.stream().map(v -> (Object) ((Map<?, ?>) v).get("active")).toList();
    }

    private static Map<String, Object> vanBody(String plate) {
        return Map.of("plate", plate, "capacityPackages", 150, "volumeLiters", 9000, "weightKg", 1500);
    }
}
