package dev.doorstep.tracking.customer;

import java.time.Instant;

/**
 * One stop of the package's route, as the ETA model needs it; never shown to the customer. {@code plannedDeparture}
 * is the planned arrival plus the planned service, without any wait for the stop's window to open.
 */
record RouteStop(String id, int seq, String status, double lat, double lon, Instant plannedArrival,
        Instant plannedDeparture, Instant arrivedAt, Instant completedAt) {

    boolean pending() {
        return "PENDING".equals(status);
    }
}
