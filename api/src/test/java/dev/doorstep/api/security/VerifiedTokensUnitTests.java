package dev.doorstep.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

class VerifiedTokensUnitTests {

    private final JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ZERO);
    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final AtomicInteger contentChecks = new AtomicInteger();
    private final VerifiedTokens tokens = new VerifiedTokens(verifying(), expiry);

    private ReactiveJwtDecoder verifying() {
        NimbusReactiveJwtDecoder nimbus;
        try {
            nimbus = NimbusReactiveJwtDecoder.withPublicKey(ForeignTokens.OTHER_KEY.toRSAPublicKey()).build();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
        // As SecurityConfig's decoder: the clock's checks and those of the token's text (issuer, audience, claims).
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(expiry, jwt -> {
            contentChecks.incrementAndGet();
            return "https://issuer.example".equals(jwt.getClaimAsString("iss")) ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "Unknown issuer", null));
        }));
        return token -> {
            signatureChecks.incrementAndGet();
            return nimbus.decode(token);
        };
    }

    private static String token(long ttlSeconds) {
        return ForeignTokens.signed("drv_1", List.of("DRIVER"), "https://issuer.example", "doorstep", ttlSeconds);
    }

    @Test
    void aTokenSeenAgainIsNotVerifiedAgain() {
        String token = token(3600);
        assertThat(tokens.decode(token).block().getSubject()).isEqualTo("drv_1");
        assertThat(tokens.decode(token).block().getSubject()).isEqualTo("drv_1");
        assertThat(signatureChecks).hasValue(1);
    }

    @Test
    void whatTheTokensTextDecidesIsCheckedOnceAndTheClockOnEveryUse() {
        String token = token(60);
        tokens.decode(token).block();
        tokens.decode(token).block();
        tokens.decode(token).block();
        assertThat(contentChecks).hasValue(1);
        expiry.setClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)));
        assertThatThrownBy(() -> tokens.decode(token).block()).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void aTokenFailingTheContentChecksIsNeverRemembered() {
        String foreign = ForeignTokens.signed("drv_1", List.of("DRIVER"), "https://other.example", "doorstep", 3600);
        assertThatThrownBy(() -> tokens.decode(foreign).block()).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> tokens.decode(foreign).block()).isInstanceOf(JwtValidationException.class);
        assertThat(tokens.size()).isZero();
        assertThat(signatureChecks).hasValue(2);
    }

    @Test
    void aRememberedTokenStillExpires() {
        String token = token(60);
        tokens.decode(token).block();
        expiry.setClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)));
        assertThatThrownBy(() -> tokens.decode(token).block()).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTamperedCopyOfARememberedTokenIsRefused() {
        String token = token(3600);
        tokens.decode(token).block();
        String[] parts = token.split("\\.");
        String otherSubject = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("drv_1", "drv_2").getBytes());
        String tampered = parts[0] + "." + otherSubject + "." + parts[2];
        assertThatThrownBy(() -> tokens.decode(tampered).block()).isInstanceOf(BadJwtException.class);
        assertThat(signatureChecks).hasValue(2);
    }
}
