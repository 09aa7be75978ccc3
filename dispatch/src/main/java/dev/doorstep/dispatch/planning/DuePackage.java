package dev.doorstep.dispatch.planning;

import java.time.Instant;

/** A package due on the planned day, as the planner needs it. */
record DuePackage(String trackingId, String address, double lat, double lon, Instant windowFrom, Instant windowTo,
        double weightKg, double volumeLiters) {
}
