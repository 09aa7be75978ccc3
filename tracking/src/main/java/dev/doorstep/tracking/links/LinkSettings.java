package dev.doorstep.tracking.links;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tracking links ({@code doorstep.tracking.links.*}); defaults in application.yml.
 *
 * @param ttlAfterEnd how long a link keeps working after its package was delivered or returned
 * @param secret key of the automatic links (at least 32 characters, the same on every node); empty: a random key
 *     kept in the data directory
 */
@ConfigurationProperties("doorstep.tracking.links")
public record LinkSettings(Duration ttlAfterEnd, String secret) {

    public LinkSettings {
        ttlAfterEnd = ttlAfterEnd == null ? Duration.ofHours(72) : ttlAfterEnd;
    }
}
