package dev.doorstep.api.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How tokens are checked and issued.
 *
 * @param issuerUri external OIDC issuer; empty means the local issuer signs tokens itself
 * @param audience the {@code aud} every token must carry
 * @param publicUrl the base URL clients reach this app at; the local issuer's {@code iss}
 * @param tokenTtl lifetime of tokens the local issuer signs
 */
@ConfigurationProperties("doorstep.security")
public record SecuritySettings(String issuerUri, String audience, String publicUrl, Duration tokenTtl) {

    public boolean localIssuer() {
        return issuerUri == null || issuerUri.isBlank();
    }
}
