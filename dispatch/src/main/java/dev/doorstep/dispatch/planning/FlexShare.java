package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.blocks.Pay;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** How many of the routes left after the DSPs' shares become Flex blocks, and what each block pays. */
public record FlexShare(@NotNull @Min(1) @Max(100) Integer count, @NotNull @Valid Pay pay) {
}
