package dev.doorstep.dispatch.delivery;

import dev.doorstep.dispatch.geo.GeoPoint;
import java.time.OffsetDateTime;
import java.util.List;

/** What the driver reports from the door; the photos come beside it. */
public record DeliveryDraft(List<PackageOutcome> packages, Place place, GeoPoint position, Double accuracyMeters,
        OffsetDateTime capturedAt, String recipientName) {
}
