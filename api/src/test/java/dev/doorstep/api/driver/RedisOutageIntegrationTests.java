package dev.doorstep.api.driver;

import static dev.doorstep.api.support.Fleet.batch;
import static dev.doorstep.api.support.Fleet.ping;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Fleet;
import dev.doorstep.api.support.SecondNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import redis.embedded.RedisServer;

/** A node on its own Redis, which the test stops and starts again while pings come in. */
class RedisOutageIntegrationTests extends ApiIntegrationTest {

    private RedisServer redis;
    private SecondNode node;

    @BeforeEach
    void nodeOnItsOwnRedis() throws IOException {
        int redisPort;
        try (ServerSocket free = new ServerSocket(0)) {
            redisPort = free.getLocalPort();
        }
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").onShutdownForceStop(true).build();
        redis.start();
        node = SecondNode.start(port, "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort);
    }

    @AfterEach
    void stop() throws IOException {
        node.close();
        redis.stop();
    }

    @Test
    void uploadAnswers503WithRetryAfterWhileRedisIsDownAndRecoversWithoutRestart() throws IOException {
        String ops = opsToken();
        String driverToken = token(Fleet.driver(http, ops, null, createStation(ops)), "DRIVER");
        String deviceKey = (String) http.post().uri("/v1/driver/devices/osmand")
                .headers(h -> h.setBearerAuth(driverToken)).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("deviceKey");
        WebTestClient onNode = client(node.port());
        WebTestClient probes = plainClient(node.port());
        upload(onNode, driverToken).expectStatus().isOk();

        redis.stop();
        upload(onNode, driverToken).expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.dev/problems/unavailable");
        // A tracking app keeps a ping it was not told is stored, and sends it again.
        onNode.get().uri("/v1/ingest/osmand?id={key}&lat=47.6&lon=-122.33", deviceKey).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE).expectHeader().valueEquals("Retry-After", "5");
        probes.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);

        redis.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        HttpStatus status = null;
        while (status != HttpStatus.OK && Instant.now().isBefore(deadline)) {
            status = (HttpStatus) upload(onNode, driverToken).returnResult(byte[].class).getStatus();
        }
        upload(onNode, driverToken).expectStatus().isOk();
        probes.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    private static WebTestClient.ResponseSpec upload(WebTestClient client, String token) {
        return client.post().uri("/v1/driver/pings").headers(h -> h.setBearerAuth(token))
                .bodyValue(batch(List.of(ping(Instant.now(), 47.6, -122.33)))).exchange();
    }
}
