package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.outbox.EventType;

/** Outbox event: the driver did not check in; {@code routeId} is the route that went back to the station, or null. */
@EventType("BlockNoShow")
public record BlockNoShow(String blockId, String stationId, String driverId, String routeId)
        implements DispatchEvent {
}
