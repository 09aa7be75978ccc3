package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.outbox.EventType;
import java.util.List;

/** Outbox event: the driver left the station; these packages are now out for delivery. */
@EventType("RouteStarted")
public record RouteStarted(String routeId, String driverId, List<String> trackingIds) implements DispatchEvent {
}
