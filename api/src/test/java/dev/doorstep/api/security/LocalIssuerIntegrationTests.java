package dev.doorstep.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import dev.doorstep.api.support.ApiIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;

class LocalIssuerIntegrationTests extends ApiIntegrationTest {

    @Test
    void personaTokensAreSignedByTheKeyTheJwksPublishes() throws Exception {
        String token = token("drv_42", "DRIVER");
        String jwks = http.get().uri("/oauth2/jwks").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        RSAKey key = (RSAKey) JWKSet.parse(jwks).getKeys().get(0);
        assertThat(key.isPrivate()).isFalse();
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("drv_42");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("DRIVER");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("doorstep");
    }

    @Test
    void discoveryNamesTheIssuerAndItsEndpoints() {
        http.get().uri("/.well-known/openid-configuration").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.issuer").isEqualTo("http://localhost:" + port)
                .jsonPath("$.jwks_uri").isEqualTo("http://localhost:" + port + "/oauth2/jwks")
                .jsonPath("$.token_endpoint").isEqualTo("http://localhost:" + port + "/oauth2/token");
    }

    @Test
    void aDispatcherTokenNeedsItsDsp() {
        http.post().uri("/local/tokens").bodyValue(Map.of("sub", "d1", "roles", List.of("DISPATCHER"))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("dsp");
        http.post().uri("/local/tokens").bodyValue(Map.of("sub", "d1", "roles", List.of("KING"))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("roles[0]");
    }

    @Test
    void aRegisteredServiceClientGetsATokenWithClientCredentials() {
        Map<?, ?> client = http.post().uri("/v1/service-clients").headers(h -> h.setBearerAuth(opsToken()))
                .bodyValue(Map.of("name", "Shipper OMS")).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) client.get("clientId");
        String secret = (String) client.get("clientSecret");

        Map<?, ?> basic = http.post().uri("/oauth2/token").headers(h -> h.setBasicAuth(id, secret))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials")).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(Map.class).returnResult().getResponseBody();
        http.post().uri("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials").with("client_id", id)
                        .with("client_secret", secret)).exchange()
                .expectStatus().isOk();

        assertThat(basic.get("token_type")).isEqualTo("Bearer");
        String token = (String) basic.get("access_token");
        http.get().uri("/v1/packages/TBA-NOPE").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/v1/stations").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void wrongClientSecretIsInvalidClient() {
        Map<?, ?> client = http.post().uri("/v1/service-clients").headers(h -> h.setBearerAuth(opsToken()))
                .bodyValue(Map.of("name", "Other OMS")).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        http.post().uri("/oauth2/token").headers(h -> h.setBasicAuth((String) client.get("clientId"), "guess"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials")).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_client");
        http.post().uri("/oauth2/token").headers(h -> h.setBasicAuth("svc_unknown", "guess"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials")).exchange()
                .expectStatus().isUnauthorized();
        http.post().uri("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "authorization_code")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("unsupported_grant_type");
    }

    @Test
    void serviceClientsMayOnlyHoldMachineRoles() {
        http.post().uri("/v1/service-clients").headers(h -> h.setBearerAuth(opsToken()))
                .bodyValue(Map.of("name", "Sneaky", "roles", List.of("SERVICE", "DRIVER"))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("roles[1]");
    }

    @Test
    void requestIdsAreEchoedOrMade() {
        http.get().uri("/openapi.yaml").header("X-Request-Id", "abc-123").exchange()
                .expectHeader().valueEquals("X-Request-Id", "abc-123");
        http.get().uri("/openapi.yaml").header("X-Request-Id", "bad id with spaces").exchange()
                .expectHeader().value("X-Request-Id", id -> assertThat(id).hasSize(36));
    }
}
