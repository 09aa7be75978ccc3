package dev.doorstep.tracking.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Limits and rules of GPS ingest ({@code doorstep.tracking.ingest.*}); defaults in application.yml. */
@ConfigurationProperties("doorstep.tracking.ingest")
public record IngestSettings(
        int maxBatch,
        DataSize maxBody,
        Duration maxAhead,
        Duration maxAge,
        double maxSpeedKmh,
        int trailMaxPings,
        Duration driverCacheTtl,
        Duration retryAfter,
        int redisRequestQueue) {
}
