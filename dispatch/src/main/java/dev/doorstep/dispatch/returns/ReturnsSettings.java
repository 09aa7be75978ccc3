package dev.doorstep.dispatch.returns;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Returns settings ({@code doorstep.dispatch.returns.*}); defaults in application.yml. */
@ConfigurationProperties("doorstep.dispatch.returns")
public record ReturnsSettings(int maxAttempts, LocalTime stationClosesAt, Duration missingCheckEvery) {
}
