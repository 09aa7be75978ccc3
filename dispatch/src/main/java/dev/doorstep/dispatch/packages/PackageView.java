package dev.doorstep.dispatch.packages;

import dev.doorstep.dispatch.geo.GeoPoint;
import java.util.List;

/**
 * A package with its current status and the timeline of what happened to it. {@code kind}: DELIVERY, or PICKUP for a
 * customer return to collect ({@code recipientName} is then the customer handing it back).
 */
public record PackageView(String trackingId, String stationId, String kind, String recipientName, String address,
        GeoPoint location, DeliveryWindow window, double weightKg, double lengthCm, double widthCm,
        double heightCm, String locale, PackageStatus status, int attempts, List<TimelineEntry> timeline,
        String shipperName) {
}
