package dev.doorstep.api.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.doorstep.api.DoorstepApplication;
import dev.doorstep.api.support.ApiIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Production mode: tokens are checked against an external OIDC issuer's discovery and JWKS (WireMock here). */
@SpringBootTest(classes = DoorstepApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"doorstep.data-dir=${doorstep.test.shared-data-dir:target/test-data/shared}"})
class ExternalIssuerIntegrationTests {

    private static final WireMockServer ISSUER = new WireMockServer(options().dynamicPort());
    private static final RSAKey ISSUER_KEY = ForeignTokens.generate("issuer-key");

    static {
        ISSUER.start();
        String base = ISSUER.baseUrl();
        ISSUER.stubFor(get(urlEqualTo("/.well-known/openid-configuration")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"issuer\":\"" + base + "\",\"jwks_uri\":\"" + base + "/keys\","
                        + "\"authorization_endpoint\":\"" + base + "/authorize\",\"token_endpoint\":\"" + base
                        + "/token\",\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                        + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}")));
        ISSUER.stubFor(get(urlEqualTo("/keys")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(ISSUER_KEY.toPublicJWK()).toString())));
    }

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("doorstep.security.issuer-uri", ISSUER::baseUrl);
    }

    @AfterAll
    static void stop() {
        ISSUER.stop();
    }

    @LocalServerPort
    int port;

    WebTestClient http;

    @BeforeEach
    void connect() {
        // The contract describes the local default; here /local/tokens and JWKS must not exist at all.
        http = ApiIntegrationTest.plainClient(port);
    }

    @Test
    void aValidTokenFromTheIssuerIsAccepted() {
        String token = ForeignTokens.signed(ISSUER_KEY, "ops-1", List.of("STATION_OPS"), ISSUER.baseUrl(), "doorstep", 300);
        http.get().uri("/v1/stations").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = ForeignTokens.signed(ISSUER_KEY, "ops-1", List.of("STATION_OPS"), ISSUER.baseUrl(), "doorstep", -600);
        refused(token);
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        refused(ForeignTokens.signed(ISSUER_KEY, "ops-1", List.of("STATION_OPS"), "https://evil.example", "doorstep", 300));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        refused(ForeignTokens.signed(ISSUER_KEY, "ops-1", List.of("STATION_OPS"), ISSUER.baseUrl(), "billing", 300));
    }

    @Test
    void aTokenWithABadSignatureIsRefused() {
        refused(ForeignTokens.signed(ForeignTokens.OTHER_KEY, "ops-1", List.of("STATION_OPS"), ISSUER.baseUrl(),
                "doorstep", 300));
        String good = ForeignTokens.signed(ISSUER_KEY, "ops-1", List.of("STATION_OPS"), ISSUER.baseUrl(), "doorstep", 300);
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        refused(tampered);
    }

    @Test
    void theLocalIssuerDoesNotExist() {
        http.post().uri("/local/tokens").bodyValue(Map.of("sub", "x", "roles", List.of("STATION_OPS")))
                .exchange().expectStatus().isNotFound();
        http.get().uri("/oauth2/jwks").exchange().expectStatus().isNotFound();
    }

    private void refused(String token) {
        http.get().uri("/v1/stations").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.dev/problems/unauthorized");
    }
}
