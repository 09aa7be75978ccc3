package dev.doorstep.dispatch.packages;

import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;

/** The promised delivery window, {@code from} inclusive, {@code to} exclusive. */
public record DeliveryWindow(@NotNull OffsetDateTime from, @NotNull OffsetDateTime to) {
}
