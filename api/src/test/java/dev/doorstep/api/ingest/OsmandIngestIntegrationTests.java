package dev.doorstep.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;

/**
 * The request shapes of Traccar's own OsmAnd decoder tests (OsmAndProtocolDecoderTest), with the device key
 * in place of their ids and times moved to a minute ago, each answered 200 only once it is in the trail.
 */
class OsmandIngestIntegrationTests extends DeviceIngestTest {

    /** A minute ago, whole seconds: the decoder tests' times, moved to now. */
    private static final Instant AGO = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    private static final String SECONDS = Long.toString(AGO.getEpochSecond());
    private static final String MILLIS = Long.toString(AGO.toEpochMilli());
    private static final String ISO = AGO.toString().replace(":", "%3A");
    private static final String SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd+HH'%3A'mm'%3A'ss")
            .withZone(ZoneOffset.UTC).format(AGO);


    static Stream<Arguments> traccarQueryShapes() {
        return Stream.of(
                Arguments.of("ISO time with Z, hdop", "id=KEY&lat=42.06288&lon=-88.23412&timestamp=" + ISO
                        + "&hdop=6.0&altitude=224.0&speed=0.0", 42.06288, -88.23412, true),
                Arguments.of("epoch milliseconds", "id=KEY&lat=42.06288&lon=-88.23412&timestamp=" + MILLIS
                        + "&hdop=6.0&altitude=224.0&speed=0.0", 42.06288, -88.23412, true),
                Arguments.of("date and time separated by a space", "lat=49.60688&lon=6.15788&timestamp=" + SPACED
                        + "&altitude=384.7&speed=0.0&id=KEY", 49.60688, 6.15788, true),
                Arguments.of("bearing and hdop", "id=KEY&timestamp=" + SECONDS
                        + "&lat=60.0&lon=30.0&speed=0.0&bearing=0.0&altitude=0&hdop=0.0", 60.0, 30.0, true),
                Arguments.of("the least", "id=KEY&timestamp=" + SECONDS + "&lat=60.0&lon=30.0", 60.0, 30.0, true),
                Arguments.of("deviceid, heading and no timestamp",
                        "lat=60.0&lon=30.0&speed=0.0&heading=0.0&vacc=0&hacc=0&altitude=0&deviceid=KEY",
                        60.0, 30.0, false),
                Arguments.of("batt and no timestamp",
                        "id=KEY&lat=41.666667&lon=-0.883333&altitude=350.059479&speed=0.000000&batt=87",
                        41.666667, -0.883333, false),
                Arguments.of("location=lat,lon", "id=KEY&timestamp=" + SECONDS + "&location=60.0,30.0",
                        60.0, 30.0, true),
                Arguments.of("extra vehicle parameters", "id=KEY&timestamp=" + SECONDS
                        + "&lat=40.7232948571&lon=-74.0061408571&bearing=7.19889788244&speed=40&ignition=true"
                        + "&rpm=933&fuel=24", 40.7232948571, -74.0061408571, true),
                Arguments.of("batt and charge", "id=KEY&timestamp=" + SECONDS
                        + "&lat=60.0&lon=30.0&batt=50&charge=true", 60.0, 30.0, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traccarQueryShapes")
    void everyQueryShapeOfTraccarsDecoderTestsLandsInTheTrail(String shape, String query, double lat, double lon,
            boolean timed) {
        Instant before = Instant.now();
        http.get().uri(URI.create("http://localhost:" + port + "/v1/ingest/osmand?"
                        + query.replace("KEY", device.deviceKey())))
                .exchange().expectStatus().isOk()
                .expectBody().json("{\"accepted\":1,\"duplicates\":0,\"rejected\":[]}");

        Map<String, Object> point = device.trail().get(0);
        assertThat(point).containsEntry("lat", lat).containsEntry("lon", lon);
        Instant ts = Instant.parse((String) point.get("ts"));
        if (timed) {
            assertThat(ts).isEqualTo(AGO);
        } else {
            assertThat(ts).as("no timestamp: the time it arrived").isBetween(before.truncatedTo(ChronoUnit.MILLIS),
                    Instant.now());
        }
    }

    @Test
    void theSameShapesInAFormBodyAreStoredAndRepeatingOneIsADuplicate() {
        String form = "id=" + device.deviceKey() + "&lat=47.62&lon=-122.34&timestamp=" + SPACED;
        for (int attempt = 0; attempt < 2; attempt++) {
            http.post().uri("/v1/ingest/osmand").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(form)
                    .exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.duplicates").isEqualTo(attempt);
        }
        assertThat(device.trail()).singleElement().satisfies(p -> assertThat(p).containsEntry("ts", AGO.toString()));
    }

    @Test
    void theNativeAndroidTraccarClientPostsItsQueryWithoutABody() {
        http.post().uri("/v1/ingest/osmand?id={id}&timestamp={ts}&lat=47.61&lon=-122.33&speed=0.0&bearing=0.0"
                        + "&altitude=0.0&accuracy=12.0&batt=64.0", device.deviceKey(), SECONDS)
                .exchange().expectStatus().isOk();
        assertThat(device.trail()).singleElement().satisfies(p -> assertThat(p).containsEntry("ts", AGO.toString())
                .containsEntry("battery", 0.64));
    }

    @Test
    void aTraccarClientPingInQueryParametersIsStoredWithSpeedInMetresPerSecond() {
        http.get().uri("/v1/ingest/osmand?id={id}&lat=47.61&lon=-122.33&timestamp={ts}&speed=10&bearing=90"
                        + "&altitude=40&accuracy=5&batt=71", device.deviceKey(), SECONDS)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.refused").doesNotExist();

        Map<String, Object> point = device.trail().get(0);
        assertThat(point).containsEntry("ts", AGO.toString())
                .containsEntry("lat", 47.61).containsEntry("heading", 90.0).containsEntry("battery", 0.71);
        assertThat((Double) point.get("speed")).isCloseTo(5.144, Offset.offset(0.001));
    }

    static Stream<Arguments> traccarClientJsonBodies() {
        String android = "{\"location\":{\"event\":\"motionchange\",\"is_moving\":false,\"uuid\":"
                + "\"0e9a2473-a9a7-4c00-997b-fb97d2154e75\",\"timestamp\":\"TS\",\"odometer\":0,\"coords\":"
                + "{\"latitude\":-6.1148096,\"longitude\":106.6837015,\"accuracy\":3.8,\"speed\":18.67,"
                + "\"speed_accuracy\":0.26,\"heading\":63,\"heading_accuracy\":0.28,\"altitude\":35.7,"
                + "\"altitude_accuracy\":3.8},\"activity\":{\"type\":\"still\",\"confidence\":100},\"battery\":"
                + "{\"is_charging\":false,\"level\":0.79},\"extras\":{}},\"device_id\":\"KEY\"}";
        String ios = "{\"location\":{\"extras\":{},\"mock\":true,\"coords\":{\"speed_accuracy\":-1,\"speed\":-1,"
                + "\"longitude\":-122.406417,\"ellipsoidal_altitude\":0,\"floor\":null,\"heading_accuracy\":-1,"
                + "\"latitude\":37.785834000000001,\"accuracy\":5,\"altitude_accuracy\":-1,\"altitude\":0,"
                + "\"heading\":-1},\"is_moving\":false,\"age\":188,\"odometer\":0,\"uuid\":"
                + "\"2FB04C65-99CF-42AB-8DD3-EBCB4B108BF8\",\"event\":\"motionchange\",\"battery\":{\"level\":-1,"
                + "\"is_charging\":false},\"activity\":{\"type\":\"unknown\",\"confidence\":100},\"timestamp\":"
                + "\"TS\"},\"device_id\":\"KEY\"}";
        String extras = "{\"location\":{\"timestamp\":\"TS\",\"coords\":{\"latitude\":37.4219983,\"longitude\":"
                + "-122.084,\"accuracy\":5,\"speed\":0,\"heading\":-1,\"altitude\":5},\"is_moving\":false,"
                + "\"odometer\":0,\"event\":\"motionchange\",\"battery\":{\"level\":1,\"is_charging\":false},"
                + "\"activity\":{\"type\":\"still\"},\"extras\":{\"device_string_test\":\"long_device_id\","
                + "\"device_bool_test\":true,\"device_integer_twelve_test\":12,\"device_double_test\":1.345},"
                + "\"_\":\"&id=48241179&lat=37.4219983&lon=-122.084&timestamp=TS&\"},\"device_id\":\"KEY\"}";
        return Stream.of(
                Arguments.of("Android", android, -6.1148096, 18.67, 63.0, 0.79),
                Arguments.of("iOS, unknowns as -1", ios, 37.785834, null, null, null),
                Arguments.of("extras", extras, 37.4219983, 0.0, null, 1.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traccarClientJsonBodies")
    void traccarClientJsonBodiesAreStoredWithUnknownsLeftOut(String app, String body, double lat, Double speed,
            Double heading, Double battery) {
        String millisAgo = AGO.plusMillis(862).toString();
        http.post().uri("/v1/ingest/osmand").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.replace("TS", millisAgo).replace("KEY", device.deviceKey()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.accepted").isEqualTo(1);

        Map<String, Object> point = device.trail().get(0);
        assertThat(point.get("ts")).isEqualTo(millisAgo);
        assertThat((Double) point.get("lat")).isCloseTo(lat, Offset.offset(1e-6));
        assertThat(point.get("speed")).isEqualTo(speed);
        assertThat(point.get("heading")).isEqualTo(heading);
        assertThat(point.get("battery")).isEqualTo(battery);
    }

    @Test
    void aPingThatWillNeverBeStoredIsA400NamingTheFieldNeverA200() {
        http.get().uri("/v1/ingest/osmand?id={id}&lat=NaN&lon=-122.33&timestamp={ts}", device.deviceKey(), SECONDS)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("lat")
                .jsonPath("$.errors[0].reason").isEqualTo("must be a finite number");
        long threeDaysAgo = AGO.minus(3, ChronoUnit.DAYS).getEpochSecond();
        http.get().uri("/v1/ingest/osmand?id={id}&lat=47.6&lon=-122.33&timestamp={ts}", device.deviceKey(),
                        threeDaysAgo)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("ts");
        http.get().uri("/v1/ingest/osmand?id={id}&lat=47.6&lon=-122.33&timestamp=yesterday", device.deviceKey())
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("timestamp");
        assertThat(device.trail()).isEmpty();
    }

    @Test
    void aCellAndWifiOnlyPingHasNoPositionToStoreAndIsA400() {
        // Traccar places such a ping at the device's last position; Doorstep stores only measured positions.
        http.get().uri(URI.create("http://localhost:" + port + "/v1/ingest/osmand?id=" + device.deviceKey()
                        + "&timestamp=" + SECONDS + "&cell=257,02,16,2224&cell=257,02,16,2223,-90"
                        + "&wifi=00-14-22-01-23-45,-80&wifi=00-1C-B3-09-85-15,-70"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("lat");
        assertThat(device.trail()).isEmpty();
    }

    @Test
    void aPingImplyingAnImpossibleSpeedIsKeptFlaggedSoItIs200AndSendingItAgainIsADuplicate() {
        http.get().uri("/v1/ingest/osmand?id={id}&lat=47.6&lon=-122.33&timestamp={ts}", device.deviceKey(),
                AGO.minusSeconds(10).getEpochSecond()).exchange().expectStatus().isOk();
        for (int attempt = 0; attempt < 2; attempt++) {
            http.get().uri("/v1/ingest/osmand?id={id}&lat=48.6&lon=-122.33&timestamp={ts}", device.deviceKey(),
                            SECONDS)
                    .exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.duplicates").isEqualTo(attempt)
                    .jsonPath("$.rejected.length()").isEqualTo(1 - attempt);
        }
        List<Map<String, Object>> trail = device.trail();
        assertThat(trail).hasSize(2);
        assertThat(trail).anySatisfy(p -> assertThat(p).containsEntry("flagged", true));
    }

    @Test
    void anUnknownDeviceKeyIs404AndAMissingOneIs400StoringNothing() {
        http.get().uri("/v1/ingest/osmand?id=osm_unknown&lat=47.61&lon=-122.33&timestamp={ts}", SECONDS)
                .exchange().expectStatus().isNotFound();
        http.get().uri("/v1/ingest/osmand?lat=47.61&lon=-122.33").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id");
        http.post().uri("/v1/ingest/osmand").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"location\":{\"coords\":{\"latitude\":1,\"longitude\":2}}}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("device_id");
    }
}
