package dev.doorstep.dispatch.planning;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** What station ops ask to plan: a day, the fleet, service times and how long the solver may think. */
public record PlanRequest(
        @NotNull LocalDate date,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull FleetEntry> fleet,
        @NotNull @Min(0) @Max(3600) Integer serviceSecondsPerStop,
        @NotNull @Min(0) @Max(600) Integer serviceSecondsPerExtraPackage,
        @NotNull @Min(1) @Max(600) Integer timeBudgetSeconds) {
}
