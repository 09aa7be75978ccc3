package dev.doorstep.dispatch.planning;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A route of a plan with its stops in order; who drives it once a DSP has assigned it; how far it has got
 * ({@link RouteProgress}: stops done of all, planned and expected finish, minutes behind plan); the station it starts
 * from (whose time zone its times are shown in); when its driver takes the plan's break (null: none planned); on a
 * re-plan not yet published, the published route it will continue (null: a new route, or any other route).
 */
public record PlannedRoute(String id, LocalDate date, Integer seq, String vehicleType, String status, String dspId,
        String driverId, String vanId, int version, OffsetDateTime plannedStart, OffsetDateTime plannedEnd, double distanceMeters, double durationSeconds,
        RouteLoad load, List<PlannedStop> stops, int stopsDone, int stopsTotal, OffsetDateTime plannedFinish,
        OffsetDateTime expectedFinish, Integer minutesBehind, String stationId, OffsetDateTime breakStart,
        OffsetDateTime breakEnd, String continuesRouteId) {

    PlannedRoute(String id, LocalDate date, Integer seq, String vehicleType, String status, String dspId,
            String driverId, String vanId, int version, OffsetDateTime plannedStart, OffsetDateTime plannedEnd,
            double distanceMeters, double durationSeconds, RouteLoad load, RouteProgress progress, String stationId,
            OffsetDateTime breakStart, OffsetDateTime breakEnd, String continuesRouteId) {
        this(id, date, seq, vehicleType, status, dspId, driverId, vanId, version, plannedStart, plannedEnd,
                distanceMeters, durationSeconds, load, List.of(), progress.stopsDone(), progress.stopsTotal(),
                progress.plannedFinish(), progress.expectedFinish(), progress.minutesBehind(), stationId, breakStart,
                breakEnd, continuesRouteId);
    }

    PlannedRoute withStops(List<PlannedStop> ordered) {
        return new PlannedRoute(id, date, seq, vehicleType, status, dspId, driverId, vanId, version, plannedStart,
                plannedEnd, distanceMeters, durationSeconds, load, ordered, stopsDone, stopsTotal, plannedFinish,
                expectedFinish, minutesBehind, stationId, breakStart, breakEnd, continuesRouteId);
    }
}
