package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.outbox.EventType;
import java.time.LocalDate;

/** Outbox event: a package its driver did not bring back by the station's closing time on the route's day. */
@EventType("PackageMissing")
public record PackageMissing(String trackingId, String stationId, String routeId, String driverId,
        LocalDate serviceDate) implements DispatchEvent {
}
