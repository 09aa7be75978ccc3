package dev.doorstep.dispatch.fleet;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The editable fields of a van; absent (null) fields stay as they are. An inactive van gets no route. */
public record VanChange(
        @Size(min = 1, max = 20) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String plate,
        @Min(1) @Max(10_000) Integer capacityPackages,
        @Positive @DecimalMax("100000") Double volumeLiters,
        @Positive @DecimalMax("20000") Double weightKg,
        Boolean active) {
}
