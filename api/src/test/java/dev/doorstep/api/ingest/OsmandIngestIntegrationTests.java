package dev.doorstep.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Fleet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class OsmandIngestIntegrationTests extends ApiIntegrationTest {

    private String ops;
    private String driver;
    private String deviceKey;

    @BeforeEach
    void device() {
        ops = opsToken();
        driver = Fleet.driver(http, ops, null, createStation(ops));
        Map<?, ?> device = http.post().uri("/v1/driver/devices/osmand").headers(h -> h.setBearerAuth(token(driver, "DRIVER")))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(device.get("driverId")).isEqualTo(driver);
        deviceKey = (String) device.get("deviceKey");
    }

    @Test
    void aTraccarClientPingInQueryParametersIsStoredWithSpeedInMetresPerSecond() {
        long epochSeconds = Instant.now().getEpochSecond() - 30;
        http.get().uri("/v1/ingest/osmand?id={id}&lat=47.61&lon=-122.33&timestamp={ts}&speed=10&bearing=90"
                        + "&altitude=40&accuracy=5&batt=71", deviceKey, epochSeconds)
                .exchange().expectStatus().isOk()
                .expectBody().json("{\"accepted\":1,\"duplicates\":0,\"rejected\":[]}");

        Map<String, Object> point = trail().get(0);
        assertThat(point).containsEntry("ts", Instant.ofEpochSecond(epochSeconds).toString())
                .containsEntry("lat", 47.61).containsEntry("heading", 90.0).containsEntry("battery", 0.71);
        assertThat((Double) point.get("speed")).isCloseTo(5.144, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void aFormPostWithAnIsoTimestampIsStoredAndRepeatingItIsADuplicate() {
        String form = "id=" + deviceKey + "&lat=47.62&lon=-122.34&timestamp=" + Instant.now().minusSeconds(5);
        for (int attempt = 0; attempt < 2; attempt++) {
            http.post().uri("/v1/ingest/osmand").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(form)
                    .exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.duplicates").isEqualTo(attempt);
        }
        assertThat(trail()).hasSize(1);
    }

    @Test
    void aNotANumberLatitudeIsRejected() {
        http.get().uri("/v1/ingest/osmand?id={id}&lat=NaN&lon=-122.33&timestamp={ts}", deviceKey,
                        Instant.now().getEpochSecond())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.rejected[0].field").isEqualTo("lat")
                .jsonPath("$.rejected[0].reason").isEqualTo("must be a finite number");
        assertThat(trail()).isEmpty();
    }

    @Test
    void anUnknownDeviceIdIs404AndStoresNothing() {
        http.get().uri("/v1/ingest/osmand?id=osm_unknown&lat=47.61&lon=-122.33&timestamp={ts}",
                        Instant.now().getEpochSecond())
                .exchange().expectStatus().isNotFound();
        http.get().uri("/v1/ingest/osmand?lat=47.61&lon=-122.33").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> trail() {
        Map<?, ?> trail = http.get().uri("/v1/ops/drivers/{id}/trail", driver).headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (List<Map<String, Object>>) trail.get("points");
    }
}
