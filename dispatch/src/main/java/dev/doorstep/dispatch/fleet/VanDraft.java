package dev.doorstep.dispatch.fleet;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

public record VanDraft(
        @NotBlank @Size(max = 20) String plate,
        @NotNull @Min(1) @Max(10_000) Integer capacityPackages,
        @NotNull @Positive @DecimalMax("100000") Double volumeLiters,
        @NotNull @Positive @DecimalMax("20000") Double weightKg) {
}
