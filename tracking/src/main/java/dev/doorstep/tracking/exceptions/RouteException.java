package dev.doorstep.tracking.exceptions;

import java.time.OffsetDateTime;

/** One exception as the dispatcher sees it; {@code clearedAt} is null while it is open. */
public record RouteException(String id, ExceptionKind kind, String driverId, String driverName, String routeId,
        String stopId, OffsetDateTime startedAt, OffsetDateTime clearedAt, String detail, Double lat, Double lon) {

    RouteException withDriverName(String name) {
        return new RouteException(id, kind, driverId, name, routeId, stopId, startedAt, clearedAt, detail, lat, lon);
    }
}
