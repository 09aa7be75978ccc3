package dev.doorstep.api.driver;

import static dev.doorstep.api.support.Fleet.batch;
import static dev.doorstep.api.support.Fleet.ping;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Fleet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class PingUploadIntegrationTests extends ApiIntegrationTest {

    private String ops;
    private String dsp;
    private String driver;
    private String driverToken;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    private LettuceConnectionFactory redis;

    @BeforeEach
    void driver() {
        ops = opsToken();
        String station = createStation(ops);
        dsp = createDsp(ops);
        driver = Fleet.driver(http, ops, dsp, station);
        driverToken = token(driver, "DRIVER");
    }

    @Test
    void withTracingOffNoRedisCommandIsObserved() {
        // Lettuce observed every command (a span and a timer) for spans nobody exported while tracing was off.
        assertThat(redis.getClientConfiguration().getClientResources().orElseThrow().tracing().isEnabled()).isFalse();
    }

    @Test
    void aBatchIsStoredAndTheNewestPingBecomesTheLivePosition() {
        upload(driverToken, batch(List.of(ping(now.minusSeconds(20), 47.600, -122.330),
                ping(now.minusSeconds(10), 47.601, -122.330))))
                .expectStatus().isOk()
                .expectBody().json("{\"accepted\":2,\"duplicates\":0,\"rejected\":[]}");

        List<Map<String, Object>> points = trail(driver);
        assertThat(points).extracting(p -> p.get("ts"))
                .containsExactly(now.minusSeconds(20).toString(), now.minusSeconds(10).toString());
        assertThat(points.get(0)).containsEntry("accuracy", 8.5).containsEntry("flagged", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRuleRejectsItsPingAloneAndNamesTheField() {
        Map<String, Object> nan = new HashMap<>(ping(now.minusSeconds(30), 47.6, -122.3));
        nan.put("lat", "NaN");
        Map<String, Object> negativeAccuracy = new HashMap<>(ping(now.minusSeconds(29), 47.6, -122.3));
        negativeAccuracy.put("accuracy", -1);
        Map<String, Object> noTs = Map.of("lat", 47.6, "lon", -122.3);
        Map<String, Object> noLon = Map.of("ts", now.minusSeconds(28).toString(), "lat", 47.6);
        List<Object> pings = List.of(
                ping(now.minusSeconds(40), 47.6, -122.3),
                ping(now.minusSeconds(39), 90.5, -122.3),
                ping(now.minusSeconds(38), 47.6, -180.5),
                nan,
                negativeAccuracy,
                ping(now.plus(Duration.ofMinutes(3)), 47.6, -122.3),
                ping(now.minus(Duration.ofHours(49)), 47.6, -122.3),
                noTs,
                noLon,
                "not a ping",
                ping(now.minusSeconds(37), 47.6, -122.3));

        Map<?, ?> result = upload(driverToken, batch(pings)).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        assertThat(result.get("accepted")).isEqualTo(2);
        assertThat((List<Object>) result.get("rejected")).containsExactly(
                Map.of("index", 1, "field", "lat", "reason", "must be between -90 and 90", "kept", false),
                Map.of("index", 2, "field", "lon", "reason", "must be between -180 and 180", "kept", false),
                Map.of("index", 3, "field", "lat", "reason", "must be a finite number", "kept", false),
                Map.of("index", 4, "field", "accuracy", "reason", "must not be negative", "kept", false),
                Map.of("index", 5, "field", "ts", "reason", "is more than 120 s in the future", "kept", false),
                Map.of("index", 6, "field", "ts", "reason", "is older than 48 hours", "kept", false),
                Map.of("index", 7, "field", "ts", "reason", "is required", "kept", false),
                Map.of("index", 8, "field", "lon", "reason", "is required", "kept", false),
                Map.of("index", 9, "field", "$", "reason", "must be an object", "kept", false));
        assertThat(trail(driver)).hasSize(2);
    }

    @Test
    void aPingImplyingOver250KmhIsKeptFlaggedAndNeverLive() {
        // 0.1 degree of latitude (about 11 km) in 10 s is about 4,000 km/h.
        upload(driverToken, batch(List.of(ping(now.minusSeconds(30), 47.600, -122.33),
                ping(now.minusSeconds(20), 47.700, -122.33),
                ping(now.minusSeconds(10), 47.6005, -122.33))))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.accepted").isEqualTo(2)
                .jsonPath("$.rejected[0].index").isEqualTo(1)
                .jsonPath("$.rejected[0].field").isEqualTo("ts")
                .jsonPath("$.rejected[0].kept").isEqualTo(true);

        assertThat(trail(driver)).extracting(p -> p.get("flagged")).containsExactly(false, true, false);
        assertThat(nearLat(driver)).isEqualTo(47.6005);
    }

    @Test
    void aRetriedBatchChangesNothingAndCountsDuplicates() {
        Map<String, Object> body = batch(List.of(ping(now.minusSeconds(20), 47.6, -122.33),
                ping(now.minusSeconds(10), 47.601, -122.33)));
        upload(driverToken, body).expectStatus().isOk();
        List<Map<String, Object>> before = trail(driver);

        upload(driverToken, body).expectStatus().isOk()
                .expectBody().json("{\"accepted\":0,\"duplicates\":2,\"rejected\":[]}");

        assertThat(trail(driver)).isEqualTo(before);
    }

    @Test
    void aShuffledBatchGivesTheSameTrailAndLivePositionAsTheSortedOne() {
        String other = Fleet.driver(http, ops, dsp, createStation(ops));
        List<Map<String, Object>> sorted = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sorted.add(ping(now.minusSeconds(200 - i), 47.6 + i * 0.0001, -122.33));
        }
        List<Map<String, Object>> shuffled = new ArrayList<>(sorted);
        Collections.shuffle(shuffled, new Random(7));

        upload(driverToken, batch(sorted)).expectStatus().isOk();
        upload(token(other, "DRIVER"), batch(shuffled)).expectStatus().isOk();

        assertThat(trail(other)).isEqualTo(trail(driver));
        assertThat(nearLat(other)).isEqualTo(nearLat(driver)).isEqualTo(47.6 + 99 * 0.0001);
    }

    @Test
    void anOlderPingNeverMovesTheLivePositionBack() {
        upload(driverToken, batch(List.of(ping(now.minusSeconds(10), 47.61, -122.33)))).expectStatus().isOk();

        upload(driverToken, batch(List.of(ping(now.minusSeconds(60), 47.60, -122.33)))).expectStatus().isOk()
                .expectBody().jsonPath("$.accepted").isEqualTo(1);

        assertThat(nearLat(driver)).isEqualTo(47.61);
        assertThat(trail(driver)).extracting(p -> p.get("ts"))
                .containsExactly(now.minusSeconds(60).toString(), now.minusSeconds(10).toString());
    }

    @Test
    void moreThan500PingsAreRefusedWholeWith413() {
        List<Map<String, Object>> pings = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            pings.add(Map.of("ts", now.minusMillis(i).toString(), "lat", 47.6, "lon", -122.3));
        }
        upload(driverToken, batch(pings)).expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.dev/problems/too-large");
        assertThat(trail(driver)).isEmpty();
    }

    @Test
    void aDeclaredBodyOver256KiBIsRefusedWith413BeforeItIsSent() throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/driver/pings HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + driverToken + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (300 * 1024) + "\r\n\r\n{\"pings\":[").getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void aStreamedBodyOver256KiBIsRefusedWith413WhileItStreamsIn() throws IOException {
        // Chunked: no Content-Length, so the limit is counted while the bytes come in. The last chunk is never
        // sent, so a 413 proves the server answered before the body ended.
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/driver/pings HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + driverToken
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("400\r\n" + "y".repeat(1024) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            int sent = 0;
            try {
                while (socket.getInputStream().available() == 0 && sent < 1024) {
                    out.write(chunk);
                    out.flush();
                    sent++;
                }
            } catch (java.net.SocketException answeredAndClosed) {
                // The server answered and closed while chunks were still coming: its answer is already here.
            }
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 413");
        }
        assertThat(trail(driver)).isEmpty();
    }

    @Test
    void aDriverAlwaysPostsForItselfWhateverTheBodySays() {
        String victim = Fleet.driver(http, ops, dsp, createStation(ops));
        Map<String, Object> forged = new HashMap<>(batch(List.of(ping(now.minusSeconds(5), 47.6, -122.3))));
        forged.put("driverId", victim);

        upload(driverToken, forged).expectStatus().isOk();

        assertThat(trail(victim)).isEmpty();
        assertThat(trail(driver)).hasSize(1);
    }

    @Test
    void aTokenOfNoKnownDriverStoresNothing() {
        upload(token("drv_nobody", "DRIVER"), batch(List.of(ping(now, 47.6, -122.3))))
                .expectStatus().isNotFound();
    }

    @Test
    void anEmptyBatchOrBrokenJsonIsA400() {
        upload(driverToken, batch(List.of())).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("pings");
        upload(driverToken, "{\"pings\": [").expectStatus().isBadRequest();
    }

    private WebTestClient.ResponseSpec upload(String token, Object body) {
        return http.post().uri("/v1/driver/pings").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> trail(String driverId) {
        Map<?, ?> trail = http.get().uri("/v1/ops/drivers/{id}/trail", driverId).headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (List<Map<String, Object>>) trail.get("points");
    }

    /** The driver's live latitude, as the DSP's live map shows it on connect. */
    private Object nearLat(String driverId) {
        return Fleet.livePosition(http, dispatcherToken(dsp), "/v1/dsp/live", driverId).get("lat");
    }
}
