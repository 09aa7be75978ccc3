package dev.doorstep.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class StationRegistryIntegrationTests extends ApiIntegrationTest {

    @Test
    void stationIsCreatedReadListedAndReplaced() {
        String ops = opsToken();
        String id = createStation(ops);

        http.get().uri("/v1/stations/{id}", id).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.timeZone").isEqualTo("America/Los_Angeles")
                .jsonPath("$.location.lat").isEqualTo(47.58)
                .jsonPath("$.geofence.type").isEqualTo("Polygon")
                .jsonPath("$.geofence.coordinates[0].length()").isEqualTo(5);

        Map<String, Object> changed = new HashMap<>(stationBody("Renamed"));
        changed.put("timeZone", "America/New_York");
        http.put().uri("/v1/stations/{id}", id).headers(h -> h.setBearerAuth(ops)).bodyValue(changed).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Renamed").jsonPath("$.timeZone").isEqualTo("America/New_York");

        assertThat(everyStation(ops)).filteredOn(s -> id.equals(s.get("id"))).singleElement()
                .satisfies(s -> assertThat(s.get("name")).isEqualTo("Renamed"));
    }

    /** Every station, page after page: the shared test database holds more than one page of them. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> everyStation(String ops) {
        List<Map<String, Object>> all = new ArrayList<>();
        Object after = null;
        do {
            String uri = after == null ? "/v1/stations?limit=500" : "/v1/stations?limit=500&after=" + after;
            Map<?, ?> page = http.get().uri(uri)
                    .headers(h -> h.setBearerAuth(ops)).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            all.addAll((List<Map<String, Object>>) page.get("items"));
            after = page.get("next");
        } while (after != null);
        return all;
    }

    @Test
    void listingPagesThroughEveryStationOnce() {
        String ops = opsToken();
        for (int i = 0; i < 3; i++) {
            createStation(ops);
        }
        Map<?, ?> first = http.get().uri("/v1/stations?limit=2").headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<?>) first.get("items")).hasSize(2);
        assertThat(first.get("next")).isNotNull();
        Map<?, ?> second = http.get().uri("/v1/stations?limit=2&after={after}", first.get("next"))
                .headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((List<Map<String, Object>>) second.get("items")).get(0).get("id").toString())
                .isGreaterThan(first.get("next").toString());
    }

    @Test
    void unknownStationIsNotFound() {
        http.get().uri("/v1/stations/st_nope").headers(h -> h.setBearerAuth(opsToken())).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.dev/problems/not-found");
        http.put().uri("/v1/stations/st_nope").headers(h -> h.setBearerAuth(opsToken()))
                .bodyValue(stationBody("x")).exchange().expectStatus().isNotFound();
    }

    @Test
    void malformedJsonIsAProblemWithoutInternals() {
        post("/v1/stations", "{\"name\": ").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://doorstep.dev/problems/malformed-body")
                .jsonPath("$.title").isEqualTo("Malformed request body")
                .jsonPath("$.status").isEqualTo(400)
                .consumeWith(r -> assertThat(new String(r.getResponseBody()))
                        .doesNotContain("Exception", "jackson", "at dev.", "SQL"));
    }

    @Test
    void wrongTypeNamesTheField() {
        Map<String, Object> body = new HashMap<>(stationBody("Typed"));
        body.put("location", Map.of("lat", "north", "lon", -122.3));
        send(body).expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://doorstep.dev/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo("location.lat")
                .jsonPath("$.errors[0].reason").isEqualTo("must be a number");
    }

    @Test
    void missingFieldsAreAllListed() {
        send(Map.of("name", "Only a name")).expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat((List<String>) fields)
                        .containsExactlyInAnyOrder("address", "location", "timeZone", "geofence"));
    }

    @Test
    void outOfRangeValuesNameTheField() {
        Map<String, Object> body = new HashMap<>(stationBody("Far"));
        body.put("location", Map.of("lat", 91, "lon", -181));
        body.put("timeZone", "Mars/Olympus_Mons");
        send(body).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat((List<String>) fields)
                        .containsExactlyInAnyOrder("location.lat", "location.lon"));
        body.put("location", Map.of("lat", 47, "lon", -122));
        send(body).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("timeZone");
    }

    @Test
    void geofenceMustBeAClosedSimplePolygonInRange() {
        List<Object> open = List.of(List.of(List.of(0, 0), List.of(1, 0), List.of(1, 1), List.of(0, 1)));
        List<Object> unclosed = List.of(List.of(List.of(0, 0), List.of(1, 0), List.of(1, 1), List.of(0, 1),
                List.of(0.1, 0)));
        List<Object> bowtie = List.of(List.of(List.of(0, 0), List.of(1, 1), List.of(1, 0), List.of(0, 1),
                List.of(0, 0)));
        List<Object> outOfRange = List.of(List.of(List.of(0, 0), List.of(200, 0), List.of(1, 95), List.of(0, 0)));
        assertGeofenceRejected(Map.of("type", "Polygon", "coordinates", open), "geofence.coordinates[0]");
        assertGeofenceRejected(Map.of("type", "Polygon", "coordinates", unclosed), "geofence.coordinates[0]");
        assertGeofenceRejected(Map.of("type", "Polygon", "coordinates", bowtie), "geofence");
        assertGeofenceRejected(Map.of("type", "Polygon", "coordinates", outOfRange), "geofence.coordinates[0][1]");
        assertGeofenceRejected(Map.of("type", "LineString", "coordinates", bowtie), "geofence.type");
    }

    @Test
    void geofenceWithAHoleIsKept() {
        List<Object> rings = List.of(
                List.of(List.of(0, 0), List.of(4, 0), List.of(4, 4), List.of(0, 4), List.of(0, 0)),
                List.of(List.of(1, 1), List.of(2, 1), List.of(2, 2), List.of(1, 2), List.of(1, 1)));
        Map<String, Object> body = new HashMap<>(stationBody("Holey"));
        body.put("geofence", Map.of("type", "Polygon", "coordinates", rings));
        send(body).expectStatus().isCreated().expectBody().jsonPath("$.geofence.coordinates.length()").isEqualTo(2);
    }

    @Test
    void wrongMediaTypeIs415() {
        http.post().uri("/v1/stations").headers(h -> h.setBearerAuth(opsToken()))
                .contentType(MediaType.TEXT_PLAIN).bodyValue("name=x").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.dev/problems/unsupported-media-type");
    }

    @Test
    void badLimitNamesTheParameter() {
        http.get().uri("/v1/stations?limit=0").headers(h -> h.setBearerAuth(opsToken())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
        http.get().uri("/v1/stations?limit=many").headers(h -> h.setBearerAuth(opsToken())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
    }

    @Test
    void rejectedUpdateLeavesTheStationAsItWas() {
        String ops = opsToken();
        String id = createStation(ops);
        Map<String, Object> bad = new HashMap<>(stationBody("Broken"));
        bad.put("geofence", Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(0, 0)))));
        http.put().uri("/v1/stations/{id}", id).headers(h -> h.setBearerAuth(ops)).bodyValue(bad).exchange()
                .expectStatus().isBadRequest();
        http.get().uri("/v1/stations/{id}", id).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.name").value(name -> assertThat((String) name)
                        .startsWith("Station "));
    }

    private void assertGeofenceRejected(Map<String, Object> geofence, String field) {
        Map<String, Object> body = new HashMap<>(stationBody("Fenced"));
        body.put("geofence", geofence);
        send(body).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat((List<String>) fields)
                        .as("fields for %s", geofence).contains(field));
    }

    private WebTestClient.ResponseSpec send(Map<String, Object> body) {
        return http.post().uri("/v1/stations").headers(h -> h.setBearerAuth(opsToken())).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec post(String path, String rawJson) {
        return http.post().uri(path).headers(h -> h.setBearerAuth(opsToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(rawJson).exchange();
    }
}
