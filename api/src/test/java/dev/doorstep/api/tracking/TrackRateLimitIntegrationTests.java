package dev.doorstep.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.SecondNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The public tracking API's budget per client address, with and without a trusted reverse proxy in front. */
class TrackRateLimitIntegrationTests extends ApiIntegrationTest {

    @Autowired
    ReactiveStringRedisTemplate redis;

    /** Before and after: the budgets spent here must not leave the next test class of the JVM with a 429. */
    @BeforeEach
    @AfterEach
    void forgetRateLimits() {
        redis.keys("doorstep:rate:track:*").flatMap(redis::delete).then().block(Duration.ofSeconds(5));
    }

    @Test
    void aClientSendingItsOwnForwardedForIsStillBudgetedByItsRealAddress() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String invented = "198.51.100." + i;
            statuses.add(http.get().uri("/v1/track/{token}", "not-a-link").header("X-Forwarded-For", invented)
                    .exchange().returnResult(byte[].class).getStatus().value());
        }
        assertThat(statuses).startsWith(404).contains(429);
        assertThat(redis.keys("doorstep:rate:track:*").collectList().block(Duration.ofSeconds(5)))
                .noneMatch(key -> key.contains("198.51.100."));
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnBudget() {
        try (SecondNode behindProxy = SecondNode.start(port, "--doorstep.notifications.relay.enabled=false",
                "--doorstep.notifications.push.enabled=false",
                "--doorstep.api.trusted-proxies=127.0.0.1,::1",
                // No token comes back during the test: on a loaded machine its requests take seconds, and a refill
                // between spending a budget and checking it would answer 404 where the budget is spent.
                "--doorstep.api.track-rate-limit.refill-every=1h")) {
            WebTestClient proxied = client(behindProxy.port());
            List<Integer> first = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                first.add(status(proxied, "203.0.113.1, 198.51.100.7"));
            }
            assertThat(first).startsWith(404).contains(429);
            // Another client through the same proxy, and the client itself claiming to be another: a fresh budget
            // for the first only, since only the right-most hop is the proxy's word.
            assertThat(status(proxied, "198.51.100.8")).isEqualTo(404);
            assertThat(status(proxied, "203.0.113.99, 198.51.100.7")).isEqualTo(429);

            // Dispatcher sign-in budgets the same client address (30 password-grant requests per window).
            List<Integer> signIns = new ArrayList<>();
            for (int i = 0; i < 35; i++) {
                signIns.add(signIn(proxied, "198.51.100.20", "nobody-" + i + "-" + unique()));
            }
            assertThat(signIns).startsWith(400).contains(429);
            assertThat(signIn(proxied, "198.51.100.21", "nobody-" + unique())).as("another client behind the proxy")
                    .isEqualTo(400);
        }
    }

    /** A password grant with unknown credentials: 400 invalid_grant while the address has budget, then 429. */
    private static int signIn(WebTestClient client, String forwardedFor, String username) {
        return client.post().uri("/oauth2/token").header("X-Forwarded-For", forwardedFor)
                .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=password&client_id=dsp-portal&username=" + username
                        + "&password=wrong-password-12")
                .exchange().returnResult(byte[].class).getStatus().value();
    }

    private static int status(WebTestClient client, String forwardedFor) {
        return client.get().uri("/v1/track/{token}", "not-a-link").header("X-Forwarded-For", forwardedFor)
                .exchange().returnResult(byte[].class).getStatus().value();
    }
}
