package dev.doorstep.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestImportIntegrationTests extends ApiIntegrationTest {

    @Test
    void validPackagesAreKeptAndInvalidOnesRejectedOneByOne() {
        String ops = opsToken();
        String station = createStation(ops);
        String a = "TBA" + unique();
        Map<String, Object> wrongType = new HashMap<>(pkg("TBA" + unique()));
        wrongType.put("weightKg", "heavy");
        Map<String, Object> outOfRange = new HashMap<>(pkg("TBA" + unique()));
        outOfRange.put("location", Map.of("lat", 95, "lon", 0));
        Map<String, Object> backwards = new HashMap<>(pkg("TBA" + unique()));
        backwards.put("window", Map.of("from", "2026-11-24T17:00:00-08:00", "to", "2026-11-24T09:00:00-08:00"));

        Map<?, ?> report = importBatch(ops, station, List.of(pkg(a), wrongType, outOfRange, pkg("TBA" + unique()),
                backwards, "not an object"));

        assertThat(report.get("created")).isEqualTo(2);
        assertThat(report.get("rejected")).isEqualTo(4);
        List<Map<String, Object>> results = (List<Map<String, Object>>) report.get("results");
        assertThat(results).extracting(r -> r.get("outcome"))
                .containsExactly("CREATED", "REJECTED", "REJECTED", "CREATED", "REJECTED", "REJECTED");
        assertThat(results.get(1).get("errors").toString()).contains("weightKg", "must be a number");
        assertThat(results.get(2).get("errors").toString()).contains("location.lat");
        assertThat(results.get(4).get("errors").toString()).contains("window.to");
        http.get().uri("/v1/packages/{id}", a).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("MANIFESTED")
                .jsonPath("$.stationId").isEqualTo(station)
                .jsonPath("$.window.from").isEqualTo("2026-11-24T17:00:00Z")
                .jsonPath("$.timeline[0].status").isEqualTo("MANIFESTED");
    }

    @Test
    void aManifestLineMayNameItsShipperForTheTrackingPage() {
        String ops = opsToken();
        String station = createStation(ops);
        String named = "TBA" + unique();
        Map<String, Object> fromAcme = new HashMap<>(pkg(named));
        fromAcme.put("shipperName", "  Acme Outdoor Co.  ");
        Map<String, Object> tooLong = new HashMap<>(pkg("TBA" + unique()));
        tooLong.put("shipperName", "x".repeat(201));

        Map<?, ?> report = importBatch(ops, station, List.of(fromAcme, tooLong, pkg("TBA" + unique())));

        List<Map<String, Object>> results = (List<Map<String, Object>>) report.get("results");
        assertThat(results).extracting(r -> r.get("outcome")).containsExactly("CREATED", "REJECTED", "CREATED");
        assertThat(results.get(1).get("errors").toString()).contains("shipperName");
        http.get().uri("/v1/packages/{id}", named).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.shipperName").isEqualTo("Acme Outdoor Co.");
        assertThat(importBatch(ops, station, List.of(fromAcme)).get("unchanged")).isEqualTo(1);
    }

    @Test
    void repeatingAnImportChangesNothingAndSaysSo() {
        String ops = opsToken();
        String station = createStation(ops);
        List<Object> batch = List.of(pkg("TBA" + unique()), pkg("TBA" + unique()));
        importBatch(ops, station, batch);

        Map<?, ?> again = importBatch(ops, station, batch);

        assertThat(again.get("created")).isEqualTo(0);
        assertThat(again.get("unchanged")).isEqualTo(2);
        String id = ((Map<?, ?>) batch.get(0)).get("trackingId").toString();
        http.get().uri("/v1/packages/{id}", id).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.timeline.length()").isEqualTo(1);
    }

    @Test
    void sameTrackingIdWithOtherContentIsAConflictThatKeepsTheStoredPackage() {
        String ops = opsToken();
        String station = createStation(ops);
        String id = "TBA" + unique();
        importBatch(ops, station, List.of(pkg(id)));
        Map<String, Object> changed = new HashMap<>(pkg(id));
        changed.put("recipientName", "Mallory");

        Map<?, ?> report = importBatch(ops, station, List.of(changed));
        Map<?, ?> elsewhere = importBatch(ops, createStation(ops), List.of(pkg(id)));

        assertThat(report.get("conflicts")).isEqualTo(1);
        assertThat(elsewhere.get("conflicts")).isEqualTo(1);
        http.get().uri("/v1/packages/{id}", id).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectBody().jsonPath("$.recipientName").isEqualTo("Jo Doe").jsonPath("$.stationId").isEqualTo(station);
    }

    @Test
    void repeatsInsideOneBatchAreStoredOnce() {
        String ops = opsToken();
        String id = "TBA" + unique();
        Map<String, Object> other = new HashMap<>(pkg(id));
        other.put("address", "Elsewhere 1");
        Map<?, ?> report = importBatch(ops, createStation(ops), List.of(pkg(id), pkg(id), other));
        assertThat((List<Map<String, Object>>) report.get("results")).extracting(r -> r.get("outcome"))
                .containsExactly("CREATED", "UNCHANGED", "CONFLICT");
    }

    @Test
    void aServiceClientMayImport() {
        String station = createStation(opsToken());
        String shipper = token("shipper-" + unique(), "SERVICE");
        http.post().uri("/v1/stations/{id}/packages", station).headers(h -> h.setBearerAuth(shipper))
                .bodyValue(Map.of("packages", List.of(pkg("TBA" + unique())))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.created").isEqualTo(1);
    }

    @Test
    void moreThanFiveThousandPackagesAreRefusedWhole() {
        String ops = opsToken();
        String station = createStation(ops);
        List<Object> batch = new ArrayList<>();
        for (int i = 0; i < 5_001; i++) {
            batch.add(pkg("BIG" + unique() + i));
        }
        http.post().uri("/v1/stations/{id}/packages", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("packages", batch)).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.dev/problems/too-large");
        http.get().uri("/v1/packages/{id}", ((Map<?, ?>) batch.get(0)).get("trackingId"))
                .headers(h -> h.setBearerAuth(ops)).exchange().expectStatus().isNotFound();
    }

    @Test
    void aFullBatchOfFiveThousandIsImported() {
        String ops = opsToken();
        String station = createStation(ops);
        List<Object> batch = new ArrayList<>();
        String prefix = "FULL" + unique();
        for (int i = 0; i < 5_000; i++) {
            batch.add(pkg(prefix + i));
        }
        assertThat(importBatch(ops, station, batch).get("created")).isEqualTo(5_000);
    }

    @Test
    void aBodyOverTheSizeLimitIs413() {
        String ops = opsToken();
        String huge = "{\"packages\": [{\"trackingId\": \"" + "x".repeat(9 * 1024 * 1024) + "\"}]}";
        http.post().uri("/v1/stations/{id}/packages", createStation(ops)).headers(h -> h.setBearerAuth(ops))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue(huge).exchange()
                .expectStatus().isEqualTo(413);
    }

    @Test
    void importIntoUnknownStationIsNotFound() {
        String ops = opsToken();
        http.post().uri("/v1/stations/{id}/packages", "st_none").headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("packages", List.of(pkg("TBA" + unique())))).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void emptyManifestIsInvalid() {
        String ops = opsToken();
        http.post().uri("/v1/stations/{id}/packages", createStation(ops)).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("packages", List.of())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("packages");
    }

    private Map<?, ?> importBatch(String ops, String station, List<Object> packages) {
        return http.post().uri("/v1/stations/{id}/packages", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("packages", packages)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    static Map<String, Object> pkg(String trackingId) {
        return Map.of("trackingId", trackingId, "recipientName", "Jo Doe", "address", "123 Pine St, Seattle",
                "location", Map.of("lat", 47.61, "lon", -122.33),
                "window", Map.of("from", "2026-11-24T09:00:00-08:00", "to", "2026-11-24T21:00:00-08:00"),
                "weightKg", 1.2, "lengthCm", 30, "widthCm", 20, "heightCm", 10, "locale", "en");
    }
}
