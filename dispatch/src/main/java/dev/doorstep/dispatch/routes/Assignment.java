package dev.doorstep.dispatch.routes;

import jakarta.validation.constraints.NotBlank;

/** The driver and van a DSP's dispatcher puts on a route. */
public record Assignment(@NotBlank String driverId, @NotBlank String vanId) {
}
