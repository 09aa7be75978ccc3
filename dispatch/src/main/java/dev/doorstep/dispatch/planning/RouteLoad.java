package dev.doorstep.dispatch.planning;

/** What a route carries, to compare with a van's capacity. */
public record RouteLoad(int packages, double volumeLiters, double weightKg) {
}
