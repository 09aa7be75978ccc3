package dev.doorstep.api.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.ContractCheck;
import dev.doorstep.api.support.DispatcherAccounts;
import dev.doorstep.api.support.Fleet;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.api.support.SecondNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.netty.http.client.HttpClient;

class DispatcherSignInIntegrationTests extends ApiIntegrationTest {

    private static final int FAILURES_PER_USERNAME = 5; // application.yml's default
    private static final int ATTEMPTS_PER_ADDRESS = 100; // as ApiIntegrationTest configures it
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private String ops;
    private String dsp;
    private String username;
    private Map<?, ?> account;

    @BeforeEach
    void account() {
        ops = opsToken();
        dsp = createDsp(ops);
        username = "dana-" + unique() + "@acme";
        account = DispatcherAccounts.create(http, ops, dsp, username);
    }

    @Test
    void aDispatcherSignsInToItsOwnDspAndNoOther() throws Exception {
        String station = createStation(ops);
        String otherDsp = createDsp(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        Map<?, ?> plan = fixture.readyPlan(station, 12, 6, 3);
        List<String> routes = PlanningFixture.routeIds(plan);
        Map<String, Integer> shares = new LinkedHashMap<>();
        shares.put(dsp, 1);
        shares.put(otherDsp, 1);
        fixture.publish((String) plan.get("id"), shares);
        String otherDriver = Fleet.driver(http, ops, otherDsp, station);

        Map<?, ?> answer = DispatcherAccounts.signIn(http, username.toUpperCase(), DispatcherAccounts.PASSWORD)
                .getResponseBody();

        assertThat(answer.get("token_type")).isEqualTo("Bearer");
        assertThat(((Number) answer.get("expires_in")).longValue()).isPositive();
        String token = (String) answer.get("access_token");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(account.get("id"));
        assertThat(claims.getStringListClaim("roles")).containsExactly("DISPATCHER");
        assertThat(claims.getStringClaim("dsp")).isEqualTo(dsp);
        assertThat(claims.getStringClaim("name")).isEqualTo("Dana Dispatch");
        http.get().uri("/v1/dsp/routes?date={d}", PlanningFixture.DAY).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].id").isEqualTo(routes.get(0));
        http.put().uri("/v1/dsp/routes/{id}/assignment", routes.get(1)).headers(h -> h.setBearerAuth(token))
                .bodyValue(Map.of("driverId", otherDriver, "vanId", fixture.createVan(otherDsp, 50))).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/v1/drivers/{id}", otherDriver).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/v1/dsps/{id}/vans", otherDsp).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/v1/dsps/{id}/dispatchers", dsp).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void aWrongPasswordAnUnknownUsernameAndAnInactiveAccountAnswerAlike() {
        EntityExchangeResult<Map> wrong = DispatcherAccounts.signIn(http, username, "not the password");
        EntityExchangeResult<Map> unknown = DispatcherAccounts.signIn(http, "nobody-" + unique(),
                DispatcherAccounts.PASSWORD);
        http.patch().uri("/v1/dsps/{id}/dispatchers/{d}", dsp, account.get("id")).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("active", false)).exchange().expectStatus().isOk();
        EntityExchangeResult<Map> inactive = DispatcherAccounts.signIn(http, username, DispatcherAccounts.PASSWORD);

        for (EntityExchangeResult<Map> answer : List.of(wrong, unknown, inactive)) {
            assertThat(answer.getStatus().value()).isEqualTo(400);
            assertThat(answer.getResponseBody().get("error")).isEqualTo("invalid_grant");
            assertThat(answer.getResponseBody().get("error_description"))
                    .isEqualTo(wrong.getResponseBody().get("error_description"));
        }
        http.patch().uri("/v1/dsps/{id}/dispatchers/{d}", dsp, account.get("id")).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("active", true, "password", "a brand new secret")).exchange().expectStatus().isOk();
        assertThat(DispatcherAccounts.signIn(http, username, DispatcherAccounts.PASSWORD).getStatus().value())
                .isEqualTo(400);
        assertThat(DispatcherAccounts.token(http, username, "a brand new secret")).isNotBlank();
    }

    @Test
    void aPasswordGrantNeedsItsFieldsAndThePortalsClientId() {
        http.post().uri("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "password").with("username", username)
                        .with("client_id", "dsp-portal")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_request");
        http.post().uri("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "password").with("username", username)
                        .with("password", DispatcherAccounts.PASSWORD).with("client_id", "someone-else")).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.error").isEqualTo("invalid_client");
        http.post().uri("/oauth2/token").headers(h -> h.setBasicAuth("dsp-portal", ""))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "password").with("username", username)
                        .with("password", DispatcherAccounts.PASSWORD)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.token_type").isEqualTo("Bearer");
        http.get().uri("/.well-known/openid-configuration").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.grant_types_supported")
                .value(grants -> assertThat(new ArrayList<Object>((List<?>) grants)).contains("password"));
    }

    @Test
    void failuresOfOneUsernameRunOutWhileAnotherUsernameStillSignsIn() {
        Map<?, ?> other = DispatcherAccounts.create(http, ops, dsp, "other-" + unique());
        for (int i = 0; i < FAILURES_PER_USERNAME; i++) {
            assertThat(DispatcherAccounts.signIn(http, username, "guess number " + i).getStatus().value())
                    .isEqualTo(400);
        }

        EntityExchangeResult<Map> refused = DispatcherAccounts.signIn(http, username, DispatcherAccounts.PASSWORD);

        assertThat(refused.getStatus().value()).isEqualTo(429);
        assertThat(refused.getResponseBody().get("error")).isEqualTo("slow_down");
        assertThat(refused.getResponseBody().get("type")).isEqualTo("https://doorstep.dev/problems/rate-limited");
        long retryAfter = Long.parseLong(refused.getResponseHeaders().getFirst("Retry-After"));
        assertThat(retryAfter).isBetween(1L, WINDOW.dividedBy(FAILURES_PER_USERNAME).toSeconds());
        assertThat(DispatcherAccounts.token(http, (String) other.get("username"), DispatcherAccounts.PASSWORD))
                .isNotBlank();
    }

    @Test
    void twoAppNodesCountOneUsernamesFailuresTogether() {
        try (SecondNode second = SecondNode.start(port,
                "--doorstep.security.dispatcher-login.attempts-per-address=" + ATTEMPTS_PER_ADDRESS)) {
            WebTestClient other = client(second.port());
            for (int i = 0; i < FAILURES_PER_USERNAME; i++) {
                WebTestClient node = i % 2 == 0 ? http : other;
                assertThat(DispatcherAccounts.signIn(node, username, "guess number " + i).getStatus().value())
                        .isEqualTo(400);
            }

            assertThat(DispatcherAccounts.signIn(other, username, DispatcherAccounts.PASSWORD).getStatus().value())
                    .isEqualTo(429);
            assertThat(DispatcherAccounts.signIn(http, username, DispatcherAccounts.PASSWORD).getStatus().value())
                    .isEqualTo(429);
        }
    }

    @Test
    void aSuccessfulSignInForgetsTheUsernamesFailures() {
        for (int i = 0; i < FAILURES_PER_USERNAME - 1; i++) {
            DispatcherAccounts.signIn(http, username, "guess number " + i);
        }
        DispatcherAccounts.token(http, username, DispatcherAccounts.PASSWORD);

        for (int i = 0; i < FAILURES_PER_USERNAME - 1; i++) {
            assertThat(DispatcherAccounts.signIn(http, username, "again " + i).getStatus().value()).isEqualTo(400);
        }
        assertThat(DispatcherAccounts.token(http, username, DispatcherAccounts.PASSWORD)).isNotBlank();
    }

    @Test
    void anAddressRunsOutOfAttemptsAndASuccessDoesNotRefillThem() {
        WebTestClient fromElsewhere = clientFrom(randomLoopbackAddress());
        DispatcherAccounts.token(fromElsewhere, username, DispatcherAccounts.PASSWORD);
        long started = System.nanoTime();

        int admitted = 1;
        EntityExchangeResult<Map> refused = null;
        for (int i = 0; i < 2 * ATTEMPTS_PER_ADDRESS && refused == null; i++) {
            // Malformed attempts are cheap (no password hashing) and spend the address's budget all the same.
            EntityExchangeResult<Map> answer = fromElsewhere.post().uri("/oauth2/token")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData("grant_type", "password").with("client_id", "dsp-portal"))
                    .exchange().expectBody(Map.class).returnResult();
            if (answer.getStatus().value() == 429) {
                refused = answer;
            } else {
                assertThat(answer.getStatus().value()).isEqualTo(400);
                admitted++;
            }
        }
        long refills = Duration.ofNanos(System.nanoTime() - started).toMillis()
                / WINDOW.dividedBy(ATTEMPTS_PER_ADDRESS).toMillis() + 1;

        assertThat(refused).as("a 429 within twice the budget").isNotNull();
        assertThat(admitted).isBetween(ATTEMPTS_PER_ADDRESS, (int) (ATTEMPTS_PER_ADDRESS + refills));
        assertThat(refused.getResponseBody().get("error")).isEqualTo("slow_down");
        assertThat(Long.parseLong(refused.getResponseHeaders().getFirst("Retry-After"))).isPositive();
        assertThat(DispatcherAccounts.signIn(fromElsewhere, username, DispatcherAccounts.PASSWORD).getStatus().value())
                .isEqualTo(429);
        assertThat(DispatcherAccounts.token(http, username, DispatcherAccounts.PASSWORD)).isNotBlank();
    }

    /** An address of 127.0.0.0/8 (all loopback on Linux) of its own, so no earlier run has spent its budget. */
    private static String randomLoopbackAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(2, 255);
    }

    private WebTestClient clientFrom(String address) {
        HttpClient client = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(client))
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .filter(new ContractCheck())
                .build();
    }
}
