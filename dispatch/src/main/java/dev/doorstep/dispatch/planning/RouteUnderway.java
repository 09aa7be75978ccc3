package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.routes.ledger.StopStatus;
import java.time.OffsetDateTime;
import java.util.List;

/** A DSP route in progress as the live watch needs it: who, from which station, how late, which stops are open. */
public record RouteUnderway(String id, String dspId, String driverId, String stationId, GeoPoint station,
        OffsetDateTime startedAt, RouteProgress progress, List<Stop> stops) {

    /** A stop of the route; {@code status} PENDING or ARRIVED while open, COMPLETED or SKIPPED once done. */
    public record Stop(String id, int seq, GeoPoint location, StopStatus status) {

        public boolean open() {
            return status == StopStatus.PENDING || status == StopStatus.ARRIVED;
        }
    }

    RouteUnderway withStops(List<Stop> ordered) {
        return new RouteUnderway(id, dspId, driverId, stationId, station, startedAt, progress, List.copyOf(ordered));
    }
}
