package dev.doorstep.dispatch.routes;

/** Outbox event: the driver is at a stop. */
public record StopArrived(String stopId, String routeId, String driverId) {
}
