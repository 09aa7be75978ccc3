package dev.doorstep.dispatch.blocks;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;

/** What the block pays, in a currency's major unit (dollars, not cents). */
public record Pay(
        @NotNull @DecimalMin("0") @DecimalMax("10000") BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency) {
}
