package dev.doorstep.dispatch.scorecard;

/** One driver's week over the routes it drove. */
public record DriverScore(String driverId, String name, Metrics metrics) {
}
