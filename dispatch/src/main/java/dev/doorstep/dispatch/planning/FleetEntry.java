package dev.doorstep.dispatch.planning;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalTime;

/** One vehicle type of the fleet available for a plan: capacity, how many, and their shift. */
public record FleetEntry(
        @NotBlank @Size(max = 40) String type,
        @NotNull @Positive Integer capacityPackages,
        @NotNull @Positive Double volumeLiters,
        @NotNull @Positive Double weightKg,
        @NotNull @Min(1) @Max(2000) Integer available,
        @NotNull LocalTime shiftStart,
        @NotNull @Min(30) @Max(960) Integer maxShiftMinutes) {
}
