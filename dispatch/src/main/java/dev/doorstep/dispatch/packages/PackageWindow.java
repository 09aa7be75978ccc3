package dev.doorstep.dispatch.packages;

import java.time.OffsetDateTime;

/** A package's promised window with its station and the station's time zone, to tell the customer in local time. */
public record PackageWindow(String trackingId, String stationId, String timeZone, OffsetDateTime windowFrom,
        OffsetDateTime windowTo) {
}
