package dev.doorstep.dispatch.planning;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/**
 * Hands a ready plan's routes to DSPs, in plan order; of the routes left, the {@code flexBlocks.count} shortest
 * become Flex blocks (optional); any others stay with the station.
 */
public record PublishRequest(@NotEmpty List<@Valid DspShare> dsps, @Valid FlexShare flexBlocks) {
}
