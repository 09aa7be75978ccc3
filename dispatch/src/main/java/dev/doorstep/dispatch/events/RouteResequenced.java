package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.outbox.EventType;
import java.util.List;

/**
 * Outbox event: a package was added to or removed from a route ({@code change} ADDED or REMOVED) and the stops
 * still to visit were re-ordered; {@code pendingStopIds} in their new order.
 */
@EventType("RouteResequenced")
public record RouteResequenced(String routeId, String change, String trackingId, List<String> pendingStopIds)
        implements DispatchEvent {
}
