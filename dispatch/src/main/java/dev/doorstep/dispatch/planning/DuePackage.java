package dev.doorstep.dispatch.planning;

import java.time.Instant;

/** A package due on the planned day, as the planner needs it: one to deliver, or a customer return to pick up. */
record DuePackage(String trackingId, String address, double lat, double lon, Instant windowFrom, Instant windowTo,
        double weightKg, double volumeLiters, boolean pickup) {

    DuePackage(String trackingId, String address, double lat, double lon, Instant windowFrom, Instant windowTo,
            double weightKg, double volumeLiters) {
        this(trackingId, address, lat, lon, windowFrom, windowTo, weightKg, volumeLiters, false);
    }
}
