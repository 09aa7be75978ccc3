package dev.doorstep.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** GPSLogger for Android's custom URL, with the URLs that GPSLogger's own tests expect it to build. */
class GpsloggerIngestIntegrationTests extends DeviceIngestTest {

    private Instant at;

    @BeforeEach
    void times() {
        at = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(45);
    }

    @Test
    void thePlaceholdersOfTheAllParameterAreStoredWithSpeedInMetresPerSecond() {
        String timeOffset = OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(2)).toString().replace("+", "%2B");
        // GPSLogger's %ALL, as its CustomUrlManagerTest expects it, with the key in front.
        String query = "id=" + device.deviceKey() + "&lat=12.193&lon=19.456&sat=0&desc=&alt=45.0&acc=8.0&dir=359.0"
                + "&prov=MOCK&spd_kph=32.4&spd=9.0&timestamp=" + at.getEpochSecond() + "&timeoffset=" + timeOffset
                + "&time=" + at + "&starttimestamp=1495884681&date=2016-03-05&batt=91.0&ischarging=false&aid="
                + "&ser=&act=&filename=20170527abc&profile=Default+Profile&hdop=&vdop=19&pdop=&dist=0&";
        http.get().uri(URI.create("http://localhost:" + port + "/v1/ingest/gpslogger?" + query))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.accepted").isEqualTo(1);

        Map<String, Object> point = device.trail().get(0);
        assertThat(point).containsEntry("ts", at.toString()).containsEntry("lat", 12.193).containsEntry("lon", 19.456)
                .containsEntry("accuracy", 8.0).containsEntry("heading", 359.0).containsEntry("altitude", 45.0)
                .containsEntry("speed", 9.0).containsEntry("battery", 0.91);
    }

    @Test
    void theDefaultUrlShapeWithOnlyATimestampOrNoTimeAtAllIsStored() {
        http.get().uri("/v1/ingest/gpslogger?id={key}&lat=12.193&lon=19.111&timestamp={ts}&spd_kph=36",
                device.deviceKey(), at.getEpochSecond()).exchange().expectStatus().isOk();
        Instant before = Instant.now();
        http.post().uri("/v1/ingest/gpslogger").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("id=" + device.deviceKey() + "&lat=12.2&lon=19.1").exchange().expectStatus().isOk();

        assertThat(device.trail()).hasSize(2).anySatisfy(p -> assertThat(p)
                .containsEntry("ts", at.truncatedTo(ChronoUnit.SECONDS).toString()).containsEntry("speed", 10.0))
                .anySatisfy(p -> assertThat(Instant.parse((String) p.get("ts")))
                        .isBetween(before.truncatedTo(ChronoUnit.MILLIS), Instant.now()));
    }

    @Test
    void aPointThatWillNeverBeStoredIsA400() {
        http.get().uri("/v1/ingest/gpslogger?id={key}&lat=91.5&lon=19.1&time={ts}", device.deviceKey(), at.toString())
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("lat");
        http.get().uri("/v1/ingest/gpslogger?lat=12.2&lon=19.1").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id");
        assertThat(device.trail()).isEmpty();
    }
}
