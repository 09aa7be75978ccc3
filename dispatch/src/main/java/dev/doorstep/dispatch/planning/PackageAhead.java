package dev.doorstep.dispatch.planning;

/** A package out for delivery on a pending stop of a route, with how many pending stops come before its own. */
public record PackageAhead(String trackingId, int stopsAway) {
}
