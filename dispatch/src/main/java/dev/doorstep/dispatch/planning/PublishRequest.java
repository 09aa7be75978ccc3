package dev.doorstep.dispatch.planning;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Hands a ready plan's routes to DSPs, in plan order; of the routes left, the {@code flexBlocks.count} shortest
 * become Flex blocks (optional); any others stay with the station. For a re-plan, only its new routes (those that
 * continue no published route) are shared out, and {@code dsps} may be empty.
 */
public record PublishRequest(@NotNull List<@Valid DspShare> dsps, @Valid FlexShare flexBlocks) {
}
