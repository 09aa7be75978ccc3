package dev.doorstep.tracking.exceptions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Route exceptions ({@code doorstep.tracking.exceptions.*}); defaults in application.yml. */
@ConfigurationProperties("doorstep.tracking.exceptions")
public record ExceptionSettings(Duration checkEvery, Duration noPingsAfter, Duration notMovingAfter,
        double notMovingRadiusMeters, double nearStopMeters, Duration behindPlanAfter, double offPathMeters,
        double lowBattery, Duration unassignedLead) {
}
