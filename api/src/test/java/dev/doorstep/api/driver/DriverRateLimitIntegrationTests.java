package dev.doorstep.api.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.DoorstepApplication;
import dev.doorstep.api.support.SharedDataDir;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The request budget of a driver is one, whichever app node the requests reach. */
class DriverRateLimitIntegrationTests extends FlexBlocksTest {

    private static final int BURST = 20; // as ApiIntegrationTest configures it

    @Test
    void twoAppNodesShareOneBudgetPerDriver() {
        Station home = station("America/Los_Angeles");
        Driver driver = flexDriver(home);
        String block = block(home, Duration.ofHours(3), 60);
        // A second node: same PostgreSQL and Redis (the embedded servers of the same data directory).
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(DoorstepApplication.class)
                .run("--doorstep.data-dir=" + SharedDataDir.PATH, "--server.port=0",
                        "--doorstep.api.driver-rate-limit.burst=" + BURST)) {
            WebTestClient other = client(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));
            String otherToken = tokenFrom(other, driver.id());
            long started = System.nanoTime();

            int allowed = 0;
            EntityExchangeResult<byte[]> refused = null;
            for (int i = 0; i < 3 * BURST && refused == null; i++) {
                boolean first = i % 2 == 0;
                EntityExchangeResult<byte[]> answer = (first ? http : other).get().uri("/v1/driver/offers")
                        .headers(h -> h.setBearerAuth(first ? driver.token() : otherToken))
                        .exchange().expectBody().returnResult();
                if (answer.getStatus().value() == 200) {
                    allowed++;
                } else {
                    refused = answer;
                }
            }
            long refills = Duration.ofNanos(System.nanoTime() - started).toSeconds() / 2 + 1;

            assertThat(refused).as("a 429 within twice the burst").isNotNull();
            assertThat(refused.getStatus().value()).isEqualTo(429);
            assertThat(allowed).isBetween(BURST, (int) (BURST + refills));
            assertThat(Long.parseLong(refused.getResponseHeaders().getFirst("Retry-After"))).isBetween(1L, 2L);
            // Claims spend the same budget. One poll or claim comes back every 2 s: on a slow machine the budget may
            // have one again by now, so claim until refused, at most a burst's worth (a claimed block answers 409).
            EntityExchangeResult<byte[]> claim = null;
            for (int i = 0; i <= BURST && (claim == null || claim.getStatus().value() != 429); i++) {
                claim = other.post().uri("/v1/driver/offers/{id}/claim", block)
                        .headers(h -> h.setBearerAuth(otherToken)).exchange().expectBody().returnResult();
                assertThat(claim.getStatus().value()).isIn(200, 409, 429);
            }
            assertThat(claim.getStatus().value()).isEqualTo(429);
            assertThat(new String(claim.getResponseBodyContent(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"type\":\"https://doorstep.dev/problems/rate-limited\"");
        }
    }

    private static String tokenFrom(WebTestClient client, String driverId) {
        Map<?, ?> answer = client.post().uri("/local/tokens")
                .bodyValue(Map.of("sub", driverId, "roles", List.of("DRIVER")))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (String) answer.get("access_token");
    }
}
