package dev.doorstep.dispatch.planning;

import java.time.OffsetDateTime;

/** A route in one line: where and when it starts, who drives it, its status and how many stops it has. */
public record RouteSummary(String id, String stationId, String dspId, String driverId, String status,
        OffsetDateTime plannedStart, int stops) {
}
