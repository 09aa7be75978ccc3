package dev.doorstep.dispatch.planning;

/** A visit on a route: arrival, then departure once served (after waiting for the window if early). */
public record VrpStop(String visitId, double arrival, double departure) {
}
