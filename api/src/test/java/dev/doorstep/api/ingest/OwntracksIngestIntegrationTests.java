package dev.doorstep.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** OwnTracks in HTTP mode, with the location messages of the OwnTracks recorder's documentation. */
class OwntracksIngestIntegrationTests extends DeviceIngestTest {

    private long tst;

    @BeforeEach
    void times() {
        tst = Instant.now().minusSeconds(30).getEpochSecond();
    }

    @Test
    void aLocationPublishedWithTheDeviceKeyAsPasswordIsStoredAndAnsweredWithAnEmptyArray() {
        String message = "{\"tst\":" + tst + ",\"acc\":10,\"_type\":\"location\",\"alt\":262,"
                + "\"lon\":13.60279820860699,\"vac\":6,\"vel\":18,\"lat\":51.06263391678321,\"cog\":82,"
                + "\"tid\":\"NE\",\"batt\":99,\"bs\":1,\"conn\":\"m\",\"t\":\"u\",\"created_at\":" + tst + "}";
        publish(message).expectStatus().isOk().expectBody().json("[]");

        Map<String, Object> point = device.trail().get(0);
        assertThat(point).containsEntry("ts", Instant.ofEpochSecond(tst).toString())
                .containsEntry("lat", 51.06263391678321).containsEntry("accuracy", 10.0)
                .containsEntry("heading", 82.0).containsEntry("battery", 0.99);
        assertThat((Double) point.get("speed")).as("18 km/h in m/s").isCloseTo(5.0, Offset.offset(1e-9));
        publish(message).expectStatus().isOk();
        assertThat(device.trail()).as("sent again: a duplicate").hasSize(1);
    }

    @Test
    void unknownValuesWrittenAsMinusOneAreLeftOut() {
        publish("{\"cog\":-1,\"batt\":-1,\"lon\":2.29513,\"acc\":5,\"vel\":-1,\"vac\":-1,\"lat\":48.85833,"
                + "\"t\":\"u\",\"tst\":" + tst + ",\"alt\":0,\"_type\":\"location\",\"tid\":\"JJ\"}")
                .expectStatus().isOk();

        assertThat(device.trail().get(0)).containsEntry("lat", 48.85833).containsEntry("speed", null)
                .containsEntry("heading", null).containsEntry("battery", null);
    }

    @Test
    void aMessageOtherThanALocationIsAnsweredAndStoresNothing() {
        publish("{\"_type\":\"transition\",\"wtst\":" + tst + ",\"lat\":48.85833,\"lon\":2.29513,\"tst\":" + tst
                + ",\"acc\":5,\"tid\":\"JJ\",\"event\":\"enter\",\"desc\":\"Depot\",\"t\":\"c\"}")
                .expectStatus().isOk().expectBody().json("[]");
        assertThat(device.trail()).isEmpty();
    }

    @Test
    void anEncryptedMessageCannotBeReadSoItIsA400NotA200ThatWouldLoseIt() {
        publish("{\"_type\":\"encrypted\",\"data\":\"b2s=\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("_type");
        publish("{\"lat\":48.85833,\"lon\":2.29513,\"tst\":" + tst + "}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("_type");
        assertThat(device.trail()).isEmpty();
    }

    @Test
    void aLocationThatWillNeverBeStoredIsA400SoTheAppDoesNotDeleteIt() {
        long lastWeek = Instant.now().minus(7, ChronoUnit.DAYS).getEpochSecond();
        publish("{\"_type\":\"location\",\"lat\":48.85833,\"lon\":2.29513,\"tst\":" + lastWeek + "}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("ts");
        assertThat(device.trail()).isEmpty();
    }

    @Test
    void withoutTheDeviceKeyAsPasswordNothingIsStored() {
        http.post().uri("/v1/ingest/owntracks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"_type\":\"location\",\"lat\":1,\"lon\":2,\"tst\":" + tst + "}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Authorization");
        http.post().uri("/v1/ingest/owntracks").headers(h -> h.setBasicAuth("driver", "osm_not-a-key"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"_type\":\"location\",\"lat\":1,\"lon\":2,\"tst\":" + tst + "}")
                .exchange().expectStatus().isNotFound();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec publish(String message) {
        return http.post().uri("/v1/ingest/owntracks")
                .headers(h -> {
                    h.setBasicAuth("driver", device.deviceKey());
                    h.set("X-Limit-U", "driver");
                    h.set("X-Limit-D", "phone");
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(message).exchange();
    }
}
