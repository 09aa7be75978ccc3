package dev.doorstep.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A driver with a registered device key, and the driver's trail as station ops see it. */
record DeviceFixture(WebTestClient http, String ops, String driver, String deviceKey) {

    static DeviceFixture register(WebTestClient http, String ops, String driver, String driverToken) {
        Map<?, ?> device = http.post().uri("/v1/driver/devices/osmand").headers(h -> h.setBearerAuth(driverToken))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(device.get("driverId")).isEqualTo(driver);
        return new DeviceFixture(http, ops, driver, (String) device.get("deviceKey"));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> trail() {
        Map<?, ?> trail = http.get().uri("/v1/ops/drivers/{id}/trail", driver).headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (List<Map<String, Object>>) trail.get("points");
    }
}
