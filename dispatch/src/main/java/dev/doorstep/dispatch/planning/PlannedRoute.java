package dev.doorstep.dispatch.planning;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A route of a plan with its stops in order; who drives it once a DSP has assigned it. */
public record PlannedRoute(String id, LocalDate date, Integer seq, String vehicleType, String status, String dspId,
        String driverId, String vanId, int version, OffsetDateTime plannedStart, OffsetDateTime plannedEnd, double distanceMeters, double durationSeconds,
        RouteLoad load, List<PlannedStop> stops) {

    PlannedRoute withStops(List<PlannedStop> ordered) {
        return new PlannedRoute(id, date, seq, vehicleType, status, dspId, driverId, vanId, version, plannedStart,
                plannedEnd, distanceMeters, durationSeconds, load, ordered);
    }
}
