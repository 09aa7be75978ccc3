package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.outbox.EventType;

/** Outbox event: the driver is at a stop. */
@EventType("StopArrived")
public record StopArrived(String stopId, String routeId, String driverId) implements DispatchEvent {
}
