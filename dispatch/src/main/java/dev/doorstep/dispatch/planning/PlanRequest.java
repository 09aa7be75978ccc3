package dev.doorstep.dispatch.planning;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * What station ops ask to plan: a day, the fleet, service times and how long the solver may think; optionally
 * every driver's break, the longest a route may last, and groups of packages that go on one route; for a re-plan of
 * a published day, {@code keepRoutesOf}: the published plan whose routes not yet started it keeps as far as it can.
 */
public record PlanRequest(
        @NotNull LocalDate date,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull FleetEntry> fleet,
        @NotNull @Min(0) @Max(3600) Integer serviceSecondsPerStop,
        @NotNull @Min(0) @Max(600) Integer serviceSecondsPerExtraPackage,
        @NotNull @Min(1) @Max(600) Integer timeBudgetSeconds,
        @Valid DriverBreak driverBreak,
        @Min(30) @Max(960) Integer maxRouteMinutes,
        @Size(max = 5000) List<@NotNull @Size(min = 2, max = 200) List<@NotBlank @Size(max = 64) String>> keepTogether,
        @Size(min = 1, max = 64) String keepRoutesOf) {

    public PlanRequest {
        // Not copied here: a null inside is for validation to name, not for the JSON reader to fail on.
        keepTogether = keepTogether == null ? List.of() : keepTogether;
    }

    public PlanRequest(LocalDate date, List<FleetEntry> fleet, Integer serviceSecondsPerStop,
            Integer serviceSecondsPerExtraPackage, Integer timeBudgetSeconds) {
        this(date, fleet, serviceSecondsPerStop, serviceSecondsPerExtraPackage, timeBudgetSeconds, null, null, null, null);
    }
}
