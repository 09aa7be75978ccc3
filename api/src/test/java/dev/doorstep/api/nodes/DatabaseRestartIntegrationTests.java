package dev.doorstep.api.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.DeliveryFixture;
import dev.doorstep.api.support.DeliveryFixture.Stop;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.api.support.TestImages;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.FileSystemUtils;

/**
 * PostgreSQL restarted under deliveries: an app node of its own (a JVM) on a PostgreSQL of its own, stopped and
 * started again while a driver delivers. While it is down every delivery is answered 503 with Retry-After (never a
 * 500); the driver sends it again after that time; afterwards every acknowledged delivery is there, once.
 */
class DatabaseRestartIntegrationTests extends ApiIntegrationTest {

    @Autowired
    private Environment shared;

    @Test
    void deliveriesAreRefusedWith503WhilePostgresqlIsDownAndNoneAcknowledgedIsLost() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "pg-restart-");
        int pgPort = AppNode.freePort();
        EmbeddedPostgres postgres = postgres(data, pgPort);
        try (AppNode node = AppNode.start("pg-restart", shared, port, Map.of(
                "spring.r2dbc.url", "r2dbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                "doorstep.notifications.relay.enabled", "false", "doorstep.notifications.push.enabled", "false"))) {
            WebTestClient onNode = client(node.port());
            String ops = opsToken();
            PlanningFixture planning = new PlanningFixture(onNode, ops);
            String station = stationOn(onNode, ops);
            String dsp = (String) onNode.post().uri("/v1/dsps").headers(h -> h.setBearerAuth(ops))
                    .bodyValue(Map.of("name", "DSP " + unique())).exchange().expectStatus().isCreated()
                    .expectBody(Map.class).returnResult().getResponseBody().get("id");
            Map<?, ?> plan = planning.readyPlan(station, 12, 20, 1);
            planning.publish((String) plan.get("id"), Map.of(dsp, 1));
            String route = PlanningFixture.routeIds(plan).get(0);
            String driver = planning.createDriver(dsp, station);
            onNode.put().uri("/v1/dsp/routes/{id}/assignment", route).headers(h -> h.setBearerAuth(dispatcherToken(dsp)))
                    .bodyValue(Map.of("driverId", driver, "vanId", planning.createVan(dsp, 300))).exchange()
                    .expectStatus().isOk();
            String driverToken = token(driver, "DRIVER");
            List<Stop> stops = DeliveryFixture.stops(onNode.post().uri("/v1/driver/routes/{id}/start", route)
                    .headers(h -> h.setBearerAuth(driverToken)).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody());
            DeliveryFixture deliveries = new DeliveryFixture(onNode);

            List<String> acknowledged = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            int half = stops.size() / 2;
            for (Stop stop : stops.subList(0, half)) {
                assertThat(deliver(deliveries, driverToken, stop).getStatus().value()).isEqualTo(201);
                acknowledged.add(stop.id());
            }
            Instant down = Instant.now();
            postgres.close();
            for (Stop stop : stops.subList(half, stops.size())) {
                EntityExchangeResult<byte[]> answer = deliver(deliveries, driverToken, stop);
                assertThat(answer.getStatus().value()).as("a delivery while PostgreSQL is down").isEqualTo(503);
                assertThat(answer.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
                assertThat(answer.getResponseHeaders().getContentType().toString()).isEqualTo("application/problem+json");
                refused.add(stop.id());
            }
            postgres = postgres(data, pgPort);
            Instant up = Instant.now();
            // The driver's phone sends each refused delivery again (same Idempotency-Key) until it is acknowledged.
            for (Stop stop : stops.subList(half, stops.size())) {
                Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
                int status = 0;
                while (status != 201 && Instant.now().isBefore(deadline)) {
                    status = deliver(deliveries, driverToken, stop).getStatus().value();
                    assertThat(status).as("never a 500").isIn(201, 503);
                    if (status != 201) {
                        SeveralNodesIntegrationTests.sleep(Duration.ofMillis(500));
                    }
                }
                assertThat(status).isEqualTo(201);
                acknowledged.add(stop.id());
            }
            Duration recovered = Duration.between(up, Instant.now());

            int lost = 0;
            for (Stop stop : stops) {
                for (String trackingId : stop.trackingIds()) {
                    Map<?, ?> pkg = onNode.get().uri("/v1/packages/{id}", trackingId).headers(h -> h.setBearerAuth(ops))
                            .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
                    if (!"DELIVERED".equals(pkg.get("status")) || ((Number) pkg.get("attempts")).intValue() != 1) {
                        lost++;
                    }
                }
            }
            System.out.printf("faults: PostgreSQL restarted under deliveries: %d deliveries acknowledged, lost %d;"
                            + " %d answered 503 with Retry-After while down (%.1f s), 0 answered 500; all %d in within %.1f s"
                            + " of the restart%n", acknowledged.size(), lost, refused.size(),
                    Duration.between(down, up).toMillis() / 1000.0, refused.size(), recovered.toMillis() / 1000.0);
            assertThat(lost).as("acknowledged deliveries lost or doubled").isZero();
            assertThat(acknowledged).hasSameSizeAs(stops);
        } finally {
            postgres.close();
            FileSystemUtils.deleteRecursively(data);
        }
    }

    private static EntityExchangeResult<byte[]> deliver(DeliveryFixture deliveries, String driverToken, Stop stop) {
        return deliveries.upload(driverToken, stop.id(), "deliver-" + stop.id(),
                        DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null),
                        DeliveryFixture.Image.photo(TestImages.jpeg(64, 48)))
                .expectBody().returnResult();
    }

    private static String stationOn(WebTestClient node, String ops) {
        return (String) node.post().uri("/v1/stations").headers(h -> h.setBearerAuth(ops))
                .bodyValue(stationBody("Station " + unique())).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    /** PostgreSQL on {@code data} (created when empty, kept when stopped: a restart finds everything committed). */
    private static EmbeddedPostgres postgres(Path data, int port) throws java.io.IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60)).setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on").start();
    }
}
