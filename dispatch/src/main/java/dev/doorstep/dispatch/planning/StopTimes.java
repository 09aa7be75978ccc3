package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.routes.ledger.StopStatus;
import java.time.OffsetDateTime;

/**
 * A stop of a route with its planned and actual times; {@code plannedServiceSeconds} is the planned time at the
 * stop after any wait for its window to open.
 */
public record StopTimes(String id, int seq, StopStatus status, double lat, double lon, OffsetDateTime plannedArrival,
        OffsetDateTime plannedDeparture, Double plannedServiceSeconds, OffsetDateTime arrivedAt,
        OffsetDateTime completedAt) {
}
