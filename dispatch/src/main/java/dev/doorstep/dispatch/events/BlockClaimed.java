package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.outbox.EventType;
import java.time.OffsetDateTime;

/** Outbox event: a Flex driver claimed a block. */
@EventType("BlockClaimed")
public record BlockClaimed(String blockId, String stationId, String driverId, OffsetDateTime startsAt)
        implements DispatchEvent {
}
