package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.outbox.EventType;
import java.time.OffsetDateTime;

/** Outbox event: a block is offered to the Flex drivers of its station. */
@EventType("BlockOffered")
public record BlockOffered(String blockId, String stationId, OffsetDateTime startsAt, int durationMinutes)
        implements DispatchEvent {
}
