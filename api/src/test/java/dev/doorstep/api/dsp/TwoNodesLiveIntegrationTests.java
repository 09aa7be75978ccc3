package dev.doorstep.api.dsp;

import static dev.doorstep.api.support.Fleet.batch;
import static dev.doorstep.api.support.Fleet.ping;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Fleet;
import dev.doorstep.api.support.SecondNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

class TwoNodesLiveIntegrationTests extends ApiIntegrationTest {

    @Test
    void aPingIngestedOnNodeAReachesADispatcherWatchingOnNodeB() throws Exception {
        String ops = opsToken();
        String dsp = createDsp(ops);
        String driver = Fleet.driver(http, ops, dsp, createStation(ops));
        String driverToken = token(driver, "DRIVER");
        try (SecondNode nodeB = SecondNode.start(port)) {
            WebTestClient viewerOnB = client(nodeB.port());
            CompletableFuture<Map<String, Object>> seenOnB = viewerOnB.get().uri("/v1/dsp/live")
                    .headers(h -> h.setBearerAuth(dispatcherToken(dsp))).accept(MediaType.TEXT_EVENT_STREAM)
                    .exchange().expectStatus().isOk()
                    .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                    .getResponseBody()
                    .filter(e -> "position".equals(e.event()) && driver.equals(e.data().get("driverId")))
                    .map(ServerSentEvent::data)
                    .next().toFuture();

            // Node B's subscription may still be starting: node A sends newer pings until B shows one.
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            Map<String, Object> seen = null;
            for (int i = 0; seen == null && Instant.now().isBefore(deadline); i++) {
                http.post().uri("/v1/driver/pings").headers(h -> h.setBearerAuth(driverToken))
                        .bodyValue(batch(List.of(ping(Instant.now(), 47.6 + i * 0.00001, -122.33))))
                        .exchange().expectStatus().isOk();
                try {
                    seen = seenOnB.get(300, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillWaiting) {
                    // not yet on node B
                }
            }
            assertThat(seen).as("a position on node B").isNotNull();
            assertThat((Double) seen.get("lat")).isBetween(47.6, 47.61);
        }
    }
}
