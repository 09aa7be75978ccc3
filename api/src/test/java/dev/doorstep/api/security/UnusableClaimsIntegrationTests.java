package dev.doorstep.api.security;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Fleet;
import dev.doorstep.api.support.SharedDataDir;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tokens signed by our own issuer whose subject or DSP is missing, empty or holds NUL, or whose roles are not a
 * list: refused as unusable (401), never a 500 from the query they would reach.
 */
class UnusableClaimsIntegrationTests extends ApiIntegrationTest {

    private RSAKey localKey;

    @BeforeEach
    void localKey() throws Exception {
        localKey = RSAKey.parse(Files.readString(SharedDataDir.resolve("keys/jwt-signing-key.json")));
    }

    @Test
    void aWellSignedTokenWithAUsableSubjectIsAccepted() {
        String ops = opsToken();
        String driver = Fleet.driver(http, ops, createDsp(ops), createStation(ops));
        driverItinerary(signed(c -> c.subject(driver).claim("roles", List.of("DRIVER")))).isOk();
    }

    @Test
    void aDriverTokenWithoutSubjectOrWithAnEmptyOrNulSubjectIs401() {
        driverItinerary(signed(c -> c.claim("roles", List.of("DRIVER")))).isUnauthorized();
        driverItinerary(signed(c -> c.subject("").claim("roles", List.of("DRIVER")))).isUnauthorized();
        driverItinerary(signed(c -> c.subject("drv\u0000x").claim("roles", List.of("DRIVER")))).isUnauthorized();
    }

    @Test
    void aDispatcherTokenWithoutDspOrWithAnEmptyOrNulDspIs401() {
        dspRoutes(signed(c -> c.subject("dispatcher-1").claim("roles", List.of("DISPATCHER")))).isUnauthorized();
        dspRoutes(signed(c -> c.subject("dispatcher-1").claim("roles", List.of("DISPATCHER")).claim("dsp", "")))
                .isUnauthorized();
        dspRoutes(signed(c -> c.subject("dispatcher-1").claim("roles", List.of("DISPATCHER")).claim("dsp", "d\u0000")))
                .isUnauthorized();
        dspRoutes(signed(c -> c.subject("").claim("roles", List.of("DISPATCHER")).claim("dsp", "dsp_1")))
                .isUnauthorized();
    }

    @Test
    void rolesThatAreNotAListOfStringsGrantNothing() {
        driverItinerary(signed(c -> c.subject("drv_1").claim("roles", java.util.Map.of("a", 1)))).is4xxClientError();
        driverItinerary(signed(c -> c.subject("drv_1").claim("roles", 5))).is4xxClientError();
        driverItinerary(signed(c -> c.subject("drv_1").claim("roles", List.of(List.of("DRIVER"))))).is4xxClientError();
    }

    private org.springframework.test.web.reactive.server.StatusAssertions driverItinerary(String token) {
        return http.get().uri("/v1/driver/itinerary").headers(h -> h.setBearerAuth(token)).exchange().expectStatus();
    }

    private org.springframework.test.web.reactive.server.StatusAssertions dspRoutes(String token) {
        return http.get().uri("/v1/dsp/routes?date={d}", LocalDate.now()).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus();
    }

    private String signed(Consumer<JWTClaimsSet.Builder> claims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer("http://localhost:" + port)
                .audience("doorstep").issueTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plusSeconds(300)));
        claims.accept(builder);
        return ForeignTokens.signed(localKey, builder.build());
    }
}
