package dev.doorstep.dispatch.routes;

import dev.doorstep.dispatch.packages.PackageKind;
import dev.doorstep.dispatch.packages.PackageStatus;
import java.time.OffsetDateTime;

/** A package as a route change sees it: where it goes, when, what it weighs and fills, and its version. */
record Parcel(String trackingId, String stationId, PackageKind kind, PackageStatus status, int version,
        String stopId, String address, double lat, double lon, OffsetDateTime from, OffsetDateTime to, double kg,
        double liters) {
}
