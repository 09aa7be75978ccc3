package dev.doorstep.api.driver;

import dev.doorstep.api.support.ApiIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevicesIntegrationTests extends ApiIntegrationTest {

    @Test
    void registeringTheSameTokenTwiceKeepsOneRegistration() {
        String driver = token(createFlexDriver(), "DRIVER");
        String fcm = "fcm-" + unique();
        register(driver, fcm, "es").expectStatus().isCreated()
                .expectBody().jsonPath("$.token").isEqualTo(fcm).jsonPath("$.locale").isEqualTo("es")
                .jsonPath("$.platform").isEqualTo("ANDROID");
        register(driver, fcm, "en").expectStatus().isOk().expectBody().jsonPath("$.locale").isEqualTo("en");
        http.delete().uri("/v1/driver/devices/{token}", fcm).headers(h -> h.setBearerAuth(driver)).exchange()
                .expectStatus().isNoContent();
        http.delete().uri("/v1/driver/devices/{token}", fcm).headers(h -> h.setBearerAuth(driver)).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void aTokenMovedToAnotherDriverLeavesTheFirst() {
        String firstId = createFlexDriver();
        String first = token(firstId, "DRIVER");
        String secondId = createFlexDriver();
        String second = token(secondId, "DRIVER");
        String fcm = "fcm-" + unique();
        register(first, fcm, "en").expectStatus().isCreated();
        register(second, fcm, "en").expectStatus().isOk().expectBody().jsonPath("$.driverId").isEqualTo(secondId);
        http.delete().uri("/v1/driver/devices/{token}", fcm).headers(h -> h.setBearerAuth(first)).exchange()
                .expectStatus().isNotFound();
        http.delete().uri("/v1/driver/devices/{token}", fcm).headers(h -> h.setBearerAuth(second)).exchange()
                .expectStatus().isNoContent();
    }

    @Test
    void anotherDriversTokenCannotBeRemoved() {
        String owner = token(createFlexDriver(), "DRIVER");
        String fcm = "fcm-" + unique();
        register(owner, fcm, "en").expectStatus().isCreated();
        http.delete().uri("/v1/driver/devices/{token}", fcm).headers(h -> h.setBearerAuth(token(createFlexDriver(),
                "DRIVER"))).exchange().expectStatus().isNotFound();
        http.delete().uri("/v1/driver/devices/{token}", fcm).headers(h -> h.setBearerAuth(owner)).exchange()
                .expectStatus().isNoContent();
    }

    @Test
    void badPlatformAndLocaleAreNamed() {
        String driver = token(createFlexDriver(), "DRIVER");
        http.post().uri("/v1/driver/devices").headers(h -> h.setBearerAuth(driver))
                .bodyValue(Map.of("token", "fcm-x", "platform", "ANDROID", "locale", "Spanish")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("locale");
        http.post().uri("/v1/driver/devices").headers(h -> h.setBearerAuth(driver))
                .bodyValue(Map.of("token", "fcm-x", "platform", "BLACKBERRY")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("platform");
        http.post().uri("/v1/driver/devices").headers(h -> h.setBearerAuth(driver))
                .bodyValue(Map.of("platform", "IOS")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("token");
    }

    @Test
    void aDriverTokenWithoutADriverRecordRegistersNothing() {
        register(token("drv_unknown_" + unique(), "DRIVER"), "fcm-" + unique(), "en").expectStatus().isNotFound();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec register(String driver,
            String fcm, String locale) {
        return http.post().uri("/v1/driver/devices").headers(h -> h.setBearerAuth(driver))
                .bodyValue(Map.of("token", fcm, "platform", "ANDROID", "locale", locale)).exchange();
    }

    private String createFlexDriver() {
        String ops = opsToken();
        Map<?, ?> driver = http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("name", "Ana Ruiz", "kind", "FLEX", "homeStationId", createStation(ops),
                        "phone", "+12065550100", "locale", "es"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) driver.get("id");
    }
}
