package dev.doorstep.api.ops;

import dev.doorstep.api.support.ApiIntegrationTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetIntegrationTests extends ApiIntegrationTest {

    @Test
    void dspNamesAreUnique() {
        String ops = opsToken();
        String name = "Swift Parcel " + unique();
        http.post().uri("/v1/dsps").headers(h -> h.setBearerAuth(ops)).bodyValue(Map.of("name", name)).exchange()
                .expectStatus().isCreated().expectHeader().exists("Location");
        http.post().uri("/v1/dsps").headers(h -> h.setBearerAuth(ops)).bodyValue(Map.of("name", name.toUpperCase()))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.dev/problems/conflict")
                .jsonPath("$.reason").isEqualTo("DUPLICATE_NAME");
    }

    @Test
    void driversAreCreatedWithTheirKind() {
        String ops = opsToken();
        String station = createStation(ops);
        String dsp = createDsp(ops);
        http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(ops))
                .bodyValue(driver("DSP", dsp, station)).exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.kind").isEqualTo("DSP").jsonPath("$.dspId").isEqualTo(dsp)
                .jsonPath("$.locale").isEqualTo("es");
        String flex = (String) http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(ops))
                .bodyValue(driver("FLEX", null, station)).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        http.get().uri("/v1/drivers/{id}", flex).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.dspId").doesNotExist();
        http.get().uri("/v1/drivers?dspId={dsp}", dsp).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(1);
    }

    @Test
    void driverKindAndDspMustAgree() {
        String ops = opsToken();
        String station = createStation(ops);
        http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(ops)).bodyValue(driver("DSP", null, station))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("dspId");
        http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(ops))
                .bodyValue(driver("FLEX", createDsp(ops), station))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("dspId");
        http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(ops)).bodyValue(driver("BIKE", null, station))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("kind");
    }

    @Test
    void driverPointingAtUnknownStationOrDspIsRefused() {
        String ops = opsToken();
        http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(ops)).bodyValue(driver("FLEX", null, "st_none"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("homeStationId");
        http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(ops))
                .bodyValue(driver("DSP", "dsp_none", createStation(ops)))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("dspId");
    }

    @Test
    void badPhoneAndLocaleAreNamed() {
        Map<String, Object> body = new HashMap<>(driver("FLEX", null, "st_x"));
        body.put("phone", "555-0100");
        body.put("locale", "Spanish");
        http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(opsToken())).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("locale").jsonPath("$.errors[1].field")
                .isEqualTo("phone");
    }

    @Test
    void vansBelongToOneDspAndPlatesAreUniqueThere() {
        String ops = opsToken();
        String dsp = createDsp(ops);
        http.post().uri("/v1/dsps/{id}/vans", dsp).headers(h -> h.setBearerAuth(ops)).bodyValue(van("wa-123"))
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.plate").isEqualTo("WA-123")
                .jsonPath("$.capacityPackages").isEqualTo(300);
        http.post().uri("/v1/dsps/{id}/vans", dsp).headers(h -> h.setBearerAuth(ops)).bodyValue(van("WA-123"))
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("DUPLICATE_PLATE");
        http.post().uri("/v1/dsps/{id}/vans", createDsp(ops)).headers(h -> h.setBearerAuth(ops))
                .bodyValue(van("WA-123")).exchange().expectStatus().isCreated();
        http.post().uri("/v1/dsps/{id}/vans", "dsp_none").headers(h -> h.setBearerAuth(ops)).bodyValue(van("X1"))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void vanCapacityMustBePositive() {
        Map<String, Object> body = new HashMap<>(van("CAP-1"));
        body.put("capacityPackages", 0);
        body.put("weightKg", -5);
        http.post().uri("/v1/dsps/{id}/vans", "dsp_any").headers(h -> h.setBearerAuth(opsToken())).bodyValue(body)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("capacityPackages")
                .jsonPath("$.errors[1].field").isEqualTo("weightKg");
    }

    @Test
    void aDispatcherSeesOnlyItsOwnDspsVans() {
        String ops = opsToken();
        String mine = createDsp(ops);
        String theirs = createDsp(ops);
        http.post().uri("/v1/dsps/{id}/vans", theirs).headers(h -> h.setBearerAuth(ops)).bodyValue(van("THEIRS-1"))
                .exchange().expectStatus().isCreated();
        String dispatcher = dispatcherToken(mine);
        http.get().uri("/v1/dsps/{id}/vans", mine).headers(h -> h.setBearerAuth(dispatcher)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
        http.get().uri("/v1/dsps/{id}/vans", theirs).headers(h -> h.setBearerAuth(dispatcher)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/v1/dsps/{id}/vans", theirs).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items[0].plate").isEqualTo("THEIRS-1");
    }

    private static Map<String, Object> driver(String kind, String dsp, String station) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Ana Ruiz", "kind", kind, "homeStationId", station,
                "phone", "+12065550100", "locale", "es"));
        if (dsp != null) {
            body.put("dspId", dsp);
        }
        return body;
    }

    private static Map<String, Object> van(String plate) {
        return Map.of("plate", plate, "capacityPackages", 300, "volumeLiters", 9000, "weightKg", 1500);
    }
}
