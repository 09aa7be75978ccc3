package dev.doorstep.api.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.PlanFeasibility;
import dev.doorstep.api.support.PlanningFixture;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItineraryIntegrationTests extends ApiIntegrationTest {

    @Test
    void everyStopListsItsPackagesWithRecipientSizeWeightWindowAndOpsNote() {
        String ops = opsToken();
        String station = createStation(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        String dsp = createDsp(ops);
        Map<String, PlanFeasibility.Pkg> imported = new HashMap<>(fixture.importPackages(station, 12, 5));
        Map<?, ?> plan = fixture.awaitDone(fixture.start(station,
                PlanningFixture.planRequest(PlanningFixture.fleetEntry(10, 4), 1)));
        fixture.publish((String) plan.get("id"), Map.of(dsp, PlanningFixture.routeIds(plan).size()));
        String route = PlanningFixture.routeIds(plan).get(0);
        String driverToken = token(fixture.assignNewDriver(dsp, station, route, dispatcherToken(dsp)), "DRIVER");
        String noted = (String) ((List<?>) stops(itinerary(driverToken)).get(0).get("trackingIds")).get(0);
        http.put().uri("/v1/packages/{id}/note", noted).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("note", "  Gate code 4412, leave at the back door  ")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.note").isEqualTo("Gate code 4412, leave at the back door");

        List<Map<?, ?>> stops = stops(itinerary(driverToken));
        for (Map<?, ?> stop : stops) {
            List<?> packages = (List<?>) stop.get("packages");
            assertThat(packages.stream().map(p -> ((Map<?, ?>) p).get("trackingId")).toList())
                    .isEqualTo(stop.get("trackingIds"));
            for (Object o : packages) {
                Map<?, ?> p = (Map<?, ?>) o;
                PlanFeasibility.Pkg expected = imported.get((String) p.get("trackingId"));
                assertThat((String) p.get("recipientName")).startsWith("Customer ");
                assertThat(((Number) p.get("weightKg")).doubleValue()).isEqualTo(expected.weightKg());
                assertThat(List.of(p.get("lengthCm"), p.get("widthCm"), p.get("heightCm")))
                        .extracting(n -> ((Number) n).doubleValue()).containsExactly(30.0, 20.0, 10.0);
                Map<?, ?> window = (Map<?, ?>) p.get("window");
                assertThat(OffsetDateTime.parse((String) window.get("from"))).isEqualTo(expected.from());
                assertThat(OffsetDateTime.parse((String) window.get("to"))).isEqualTo(expected.to());
                assertThat(p.get("status")).isEqualTo("PLANNED");
                assertThat(p.get("note")).isEqualTo(p.get("trackingId").equals(noted)
                        ? "Gate code 4412, leave at the back door" : null);
            }
        }
        assertThat(stops.get(0).get("notes")).isEqualTo(noted + ": Gate code 4412, leave at the back door");

        http.put().uri("/v1/packages/{id}/note", noted).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("note", " ")).exchange().expectStatus().isOk().expectBody().jsonPath("$.note").isEmpty();
        assertThat(stops(itinerary(driverToken)).get(0).get("notes")).isNull();
    }

    @Test
    void aNoteNeedsAKnownPackageAndAtMostFiveHundredCharacters() {
        String ops = opsToken();
        String trackingId = new PlanningFixture(http, ops).importPackages(createStation(ops), 1, 3).keySet()
                .iterator().next();
        http.put().uri("/v1/packages/{id}/note", "NOPE" + unique()).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("note", "x")).exchange().expectStatus().isNotFound();
        http.put().uri("/v1/packages/{id}/note", trackingId).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("note", "x".repeat(501))).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("note");
    }

    private Map<?, ?> itinerary(String token) {
        return http.get().uri("/v1/driver/itinerary?date={d}", PlanningFixture.DAY).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> stops(Map<?, ?> itinerary) {
        return (List<Map<?, ?>>) ((Map<?, ?>) itinerary.get("route")).get("stops");
    }
}
