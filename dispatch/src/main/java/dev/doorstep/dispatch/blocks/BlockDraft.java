package dev.doorstep.dispatch.blocks;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;

/** One or {@code count} identical blocks; {@code routeId} hands a planned route to a single block. */
public record BlockDraft(
        @NotNull OffsetDateTime startsAt,
        @NotNull @Min(60) @Max(480) Integer durationMinutes,
        @NotNull @Valid Pay pay,
        @NotNull ServiceType serviceType,
        @Min(1) @Max(100) Integer count,
        String routeId) {

    int copies() {
        return count == null ? 1 : count;
    }
}
