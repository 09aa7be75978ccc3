package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.outbox.EventType;
import java.util.List;

/** Outbox event: the route is over; the packages listed were not delivered and go back to the station. */
@EventType("RouteFinished")
public record RouteFinished(String routeId, String driverId, List<String> undeliveredTrackingIds)
        implements DispatchEvent {
}
