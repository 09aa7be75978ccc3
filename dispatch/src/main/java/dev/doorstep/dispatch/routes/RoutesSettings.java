package dev.doorstep.dispatch.routes;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Route execution settings ({@code doorstep.dispatch.routes.*}); defaults in application.yml. */
@ConfigurationProperties("doorstep.dispatch.routes")
public record RoutesSettings(Duration unassignedLead, Duration unassignedCheckEvery, Duration resequenceBudget) {
}
