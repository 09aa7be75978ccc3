package dev.doorstep.dispatch.planning;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/** Hands a ready plan's routes to DSPs, in plan order; routes left over stay for Flex blocks. */
public record PublishRequest(@NotEmpty List<@Valid DspShare> dsps) {
}
