package dev.doorstep.tracking.links;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tracking links ({@code doorstep.tracking.links.*}); defaults in application.yml.
 *
 * @param ttlAfterEnd how long a link keeps working after its package was delivered or returned
 * @param secret key of the automatic links (at least 32 characters, the same on every node); empty: a random key
 *     kept in the data directory
 * @param resolvedMaxAge how long a resolved token is kept in memory: a link revoked on another node may still open
 *     its package this long; 0 reads the database on every request
 * @param resolvedMaxEntries how many resolved tokens a node keeps at most
 */
@ConfigurationProperties("doorstep.tracking.links")
public record LinkSettings(Duration ttlAfterEnd, String secret, Duration resolvedMaxAge, Integer resolvedMaxEntries) {

    public LinkSettings {
        ttlAfterEnd = ttlAfterEnd == null ? Duration.ofHours(72) : ttlAfterEnd;
        resolvedMaxAge = resolvedMaxAge == null ? Duration.ofSeconds(1) : resolvedMaxAge;
        resolvedMaxEntries = resolvedMaxEntries == null ? 100_000 : resolvedMaxEntries;
    }
}
