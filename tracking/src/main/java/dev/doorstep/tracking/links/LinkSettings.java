package dev.doorstep.tracking.links;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tracking links ({@code doorstep.tracking.links.*}); defaults in application.yml.
 *
 * @param ttlAfterEnd how long a link keeps working after its package was delivered or returned
 */
@ConfigurationProperties("doorstep.tracking.links")
public record LinkSettings(Duration ttlAfterEnd) {

    public LinkSettings {
        ttlAfterEnd = ttlAfterEnd == null ? Duration.ofHours(72) : ttlAfterEnd;
    }
}
