package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.packages.DeliveryWindow;
import dev.doorstep.dispatch.packages.PackageStatus;
import dev.doorstep.dispatch.packages.TimelineEntry;
import java.util.List;

/**
 * A package as its customer's tracking page shows it: its status, window, place and timeline (oldest first), its
 * station's time zone, and the stop and route it is planned on (null while on none) with the route's driver's name
 * (null without a driver).
 */
public record TrackedPackage(String trackingId, PackageStatus status, DeliveryWindow window, GeoPoint location,
        String timeZone, List<TimelineEntry> timeline, PackageRoute route, String driverName) {
}
