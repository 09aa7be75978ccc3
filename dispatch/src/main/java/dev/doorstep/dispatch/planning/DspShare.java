package dev.doorstep.dispatch.planning;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** How many of a plan's routes one DSP takes. */
public record DspShare(@NotBlank String dspId, @NotNull @Min(1) Integer routes) {
}
