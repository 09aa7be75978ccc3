package dev.doorstep.dispatch.routes;

import dev.doorstep.dispatch.planning.PlannedRoute;

/** A driver's route of the day, or none. */
public record Itinerary(PlannedRoute route) {
}
