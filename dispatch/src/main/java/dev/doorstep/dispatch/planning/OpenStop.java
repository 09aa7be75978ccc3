package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.geo.GeoPoint;
import java.time.Instant;

/** A stop still to visit on a route being re-sequenced: where, its window (null: any time), its service time. */
public record OpenStop(String id, GeoPoint location, Instant windowFrom, Instant windowTo, double serviceSeconds) {
}
