package dev.doorstep.tracking.customer;

import dev.doorstep.dispatch.routes.ledger.StopStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * One stop of the package's route, as the ETA model needs it; never shown to the customer. {@code plannedService}
 * is the planned time at the door, without the wait for the stop's window to open that the planned departure holds.
 */
record RouteStop(String id, int seq, StopStatus status, double lat, double lon, Instant plannedArrival,
        Instant plannedDeparture, Duration plannedService, Instant arrivedAt, Instant completedAt) {

    /** A stop planned without a wait: its service is all of its planned time. */
    RouteStop(String id, int seq, StopStatus status, double lat, double lon, Instant plannedArrival,
            Instant plannedDeparture, Instant arrivedAt, Instant completedAt) {
        this(id, seq, status, lat, lon, plannedArrival, plannedDeparture,
                plannedArrival == null || plannedDeparture == null ? null
                        : Duration.between(plannedArrival, plannedDeparture),
                arrivedAt, completedAt);
    }

    boolean pending() {
        return status == StopStatus.PENDING;
    }
}
