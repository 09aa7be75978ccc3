package dev.doorstep.dispatch.packages;

import dev.doorstep.dispatch.geo.GeoPoint;
import java.time.Instant;

/** A package at its station waiting for a route: what the planner needs of it. */
public record WaitingPackage(String trackingId, PackageKind kind, String address, GeoPoint location,
        Instant windowFrom, Instant windowTo, double weightKg, double liters) {
}
