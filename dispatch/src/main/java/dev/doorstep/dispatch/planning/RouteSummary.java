package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.routes.ledger.RouteStatus;
import java.time.OffsetDateTime;

/** A route in one line: where and when it starts, who drives it, its status and how many stops it has. */
public record RouteSummary(String id, String stationId, String dspId, String driverId, RouteStatus status,
        OffsetDateTime plannedStart, int stops) {
}
