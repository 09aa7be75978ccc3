package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.outbox.EventType;

/** Outbox event: the driver gave a claimed block back ({@code late} when close to its start). */
@EventType("BlockForfeited")
public record BlockForfeited(String blockId, String stationId, String driverId, boolean late)
        implements DispatchEvent {
}
