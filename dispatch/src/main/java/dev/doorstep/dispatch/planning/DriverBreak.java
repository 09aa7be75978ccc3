package dev.doorstep.dispatch.planning;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.LocalTime;

/** Every driver's break: how long, and the local times between which it starts. */
public record DriverBreak(
        @NotNull @Min(5) @Max(120) Integer minutes,
        @NotNull LocalTime earliestStart,
        @NotNull LocalTime latestStart) {
}
