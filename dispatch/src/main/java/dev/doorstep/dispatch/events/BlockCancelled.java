package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.outbox.EventType;
import java.time.OffsetDateTime;

/** Outbox event: the station cancelled a block; {@code driverId} is the driver who held it, or null. */
@EventType("BlockCancelled")
public record BlockCancelled(String blockId, String stationId, String driverId, OffsetDateTime startsAt)
        implements DispatchEvent {
}
