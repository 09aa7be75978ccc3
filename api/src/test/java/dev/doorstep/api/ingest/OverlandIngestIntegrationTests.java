package dev.doorstep.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Overland batches, with the request of Overland's README (timestamps moved to the last minutes). */
class OverlandIngestIntegrationTests extends DeviceIngestTest {

    /** Overland writes offsets without a colon, as in its README's "2015-10-01T08:00:00-0700". */
    private static final DateTimeFormatter OVERLAND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
            .withZone(ZoneOffset.ofHours(-7));

    private Instant start;

    @BeforeEach
    void times() {
        start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
    }

    private String location(Instant at, double lon, double lat) {
        return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + lon + "," + lat + "]},"
                + "\"properties\":{\"timestamp\":\"" + OVERLAND_TIME.format(at) + "\",\"altitude\":0,\"speed\":4,"
                + "\"horizontal_accuracy\":30,\"vertical_accuracy\":-1,\"motion\":[\"driving\",\"stationary\"],"
                + "\"pauses\":false,\"activity\":\"other_navigation\",\"desired_accuracy\":100,\"deferred\":1000,"
                + "\"significant_change\":\"disabled\",\"locations_in_payload\":1,\"battery_state\":\"charging\","
                + "\"battery_level\":0.80,\"device_id\":\"\",\"wifi\":\"\"}}";
    }

    @Test
    void aBatchIsStoredWholeAndAnsweredResultOkSoOverlandDeletesIt() {
        String trip = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[-122.03,37.33]},"
                + "\"properties\":{\"timestamp\":\"" + OVERLAND_TIME.format(start) + "\",\"type\":\"trip\","
                + "\"mode\":\"car\",\"distance\":120}}";
        String batch = "{\"locations\":[" + location(start, -122.030581, 37.331800) + ","
                + location(start.plusSeconds(10), -122.030281, 37.331900) + "," + trip + "],"
                + "\"current\":" + location(start.plusSeconds(20), -122.03, 37.332) + "}";

        upload(batch).expectStatus().isOk().expectBody().json("{\"result\":\"ok\"}");

        List<Map<String, Object>> trail = device.trail();
        assertThat(trail).as("the trip summary is no ping").hasSize(2);
        assertThat(trail).anySatisfy(p -> assertThat(p).containsEntry("ts", start.toString())
                .containsEntry("lat", 37.3318).containsEntry("lon", -122.030581).containsEntry("speed", 4.0)
                .containsEntry("accuracy", 30.0).containsEntry("battery", 0.8));
        upload(batch).expectStatus().isOk().expectBody().json("{\"result\":\"ok\"}");
        assertThat(device.trail()).as("sent again: duplicates").hasSize(2);
    }

    @Test
    void aBatchWithALocationThatWillNeverBeStoredIsNotOkAndNamesItKeepingTheOthers() {
        Instant lastWeek = start.minus(7, ChronoUnit.DAYS);
        String batch = "{\"locations\":[" + location(lastWeek, -122.03, 37.33) + ","
                + location(start, -122.030581, 37.3318) + "]}";

        upload(batch).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("locations[0].ts")
                .jsonPath("$.result").doesNotExist();
        assertThat(device.trail()).singleElement().satisfies(p -> assertThat(p).containsEntry("ts", start.toString()));
    }

    @Test
    void theAccessTokenMayBeInTheUrlAndAWrongOneStoresNothing() {
        String batch = "{\"locations\":[" + location(start, -122.030581, 37.3318) + "]}";
        http.post().uri("/v1/ingest/overland?token={key}", device.deviceKey()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(batch).exchange().expectStatus().isOk().expectBody().json("{\"result\":\"ok\"}");
        http.post().uri("/v1/ingest/overland").headers(h -> h.setBearerAuth("osm_not-a-key"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(batch).exchange().expectStatus().isNotFound();
        assertThat(device.trail()).hasSize(1);
    }

    private WebTestClient.ResponseSpec upload(String batch) {
        return http.post().uri("/v1/ingest/overland").headers(h -> h.setBearerAuth(device.deviceKey()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(batch).exchange();
    }
}
