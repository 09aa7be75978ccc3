package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.packages.DeliveryWindow;
import java.time.OffsetDateTime;
import java.util.List;

/** A stop of a planned route: where, which packages, the window every one of them allows, and the timing. */
public record PlannedStop(String id, int seq, String address, GeoPoint location, DeliveryWindow window,
        OffsetDateTime plannedArrival, OffsetDateTime plannedDeparture, List<String> trackingIds, String notes,
        String status) {
}
