package dev.doorstep.dispatch.packages;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Where a package is in its life at the last mile, and the only moves between those states. */
public enum PackageStatus {
    MANIFESTED, AT_STATION, PLANNED, OUT_FOR_DELIVERY, DELIVERED, ATTEMPTED, RETURNED_TO_STATION,
    RETURN_TO_SENDER, RETURNED_TO_SENDER, MISSING, PICKED_UP, CANCELLED;

    private static final Map<PackageStatus, Set<PackageStatus>> MOVES = Map.ofEntries(
            // Onto a route: by a published plan, or added by station ops (to a route already under way, too).
            Map.entry(MANIFESTED, EnumSet.of(PLANNED, OUT_FOR_DELIVERY)),
            Map.entry(AT_STATION, EnumSet.of(PLANNED, OUT_FOR_DELIVERY)),
            // A route leaves, or ops take the package off its route.
            Map.entry(PLANNED, EnumSet.of(OUT_FOR_DELIVERY, AT_STATION)),
            // At the door; not back by closing time; taken off the route; a pickup not collected; scanned back.
            Map.entry(OUT_FOR_DELIVERY, EnumSet.of(DELIVERED, ATTEMPTED, PICKED_UP, MISSING, AT_STATION, CANCELLED,
                    RETURNED_TO_STATION)),
            Map.entry(ATTEMPTED, EnumSet.of(MISSING, RETURNED_TO_STATION, AT_STATION, CANCELLED)),
            Map.entry(PICKED_UP, EnumSet.of(MISSING, RETURNED_TO_STATION)),
            Map.entry(MISSING, EnumSet.of(RETURNED_TO_STATION)),
            // Scanned back: due again, back to the shipper, or (ops) onto a route at once.
            Map.entry(RETURNED_TO_STATION, EnumSet.of(AT_STATION, RETURN_TO_SENDER, PLANNED, OUT_FOR_DELIVERY)),
            Map.entry(RETURN_TO_SENDER, EnumSet.of(RETURNED_TO_SENDER)),
            Map.entry(DELIVERED, EnumSet.noneOf(PackageStatus.class)),
            Map.entry(RETURNED_TO_SENDER, EnumSet.noneOf(PackageStatus.class)),
            Map.entry(CANCELLED, EnumSet.noneOf(PackageStatus.class)));

    public boolean canMoveTo(PackageStatus next) {
        return MOVES.get(this).contains(next);
    }

    /** No move leads out of this status. */
    public boolean isFinal() {
        return MOVES.get(this).isEmpty();
    }
}
