package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.packages.DeliveryWindow;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A stop of a planned route: where, which packages (ids, and each with its details), the window every one of
 * them allows, and the timing. {@code notes}: the stop's own, else ops' notes on its packages. {@code kind}: DELIVERY,
 * or PICKUP for customer returns to collect.
 */
public record PlannedStop(String id, int seq, String address, GeoPoint location, DeliveryWindow window,
        OffsetDateTime plannedArrival, OffsetDateTime plannedDeparture, List<String> trackingIds, String notes,
        String status, String kind, List<StopPackage> packages) {

    PlannedStop withPackages(List<StopPackage> details) {
        String notes = this.notes;
        if (notes == null) {
            List<String> packageNotes = details.stream().filter(p -> p.note() != null)
                    .map(p -> p.trackingId() + ": " + p.note()).toList();
            notes = packageNotes.isEmpty() ? null : String.join("\n", packageNotes);
        }
        return new PlannedStop(id, seq, address, location, window, plannedArrival, plannedDeparture, trackingIds,
                notes, status, kind, List.copyOf(details));
    }
}
