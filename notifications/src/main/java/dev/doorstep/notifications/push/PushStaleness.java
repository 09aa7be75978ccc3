package dev.doorstep.notifications.push;

import dev.doorstep.dispatch.blocks.BlockStatus;
import dev.doorstep.dispatch.packages.PackageStatus;
import dev.doorstep.dispatch.planning.RouteSummary;
import dev.doorstep.dispatch.routes.ledger.RouteStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When a push no longer matters and is dropped instead of sent (checked before the first attempt and before each
 * retry), given what its subject looks like now.
 */
final class PushStaleness {

    /** A package in one of these has left the road: telling its customer it is coming no longer matters. */
    private static final Set<PackageStatus> OFF_THE_ROAD = EnumSet.of(PackageStatus.DELIVERED,
            PackageStatus.ATTEMPTED, PackageStatus.RETURNED_TO_STATION, PackageStatus.RETURN_TO_SENDER,
            PackageStatus.RETURNED_TO_SENDER, PackageStatus.MISSING, PackageStatus.PICKED_UP, PackageStatus.CANCELLED);

    private static final Set<RouteStatus> ROUTE_OVER = EnumSet.of(RouteStatus.FINISHED, RouteStatus.CANCELLED);

    private PushStaleness() {
    }

    /**
     * A block push (offer, reminder) is stale once the block left {@code expected}, once another driver than
     * {@code driverId} holds it (when the push is for one driver), or once the block has started.
     */
    static boolean blockNoLonger(BlockStatus expected, String driverId, BlockStatus status, String holder,
            Instant startsAt, Instant now) {
        return status != expected || driverId != null && !driverId.equals(holder) || startsAt.isBefore(now);
    }

    /** A push about a block that is gone is stale once the start the event told of has passed (or was unknown). */
    static boolean goneBlockNoLonger(Instant startsAt, Instant now) {
        return startsAt != null && startsAt.isBefore(now);
    }

    /** A route push to {@code driverId} is stale once the route is gone, is another driver's, or is over. */
    static boolean routeNoLonger(String driverId, RouteSummary route) {
        return route == null || !Objects.equals(driverId, route.driverId()) || ROUTE_OVER.contains(route.status());
    }

    /**
     * OUT_FOR_DELIVERY and ARRIVING stop mattering once the package left the road (delivered, attempted,
     * returned...); the outcomes themselves always matter.
     */
    static boolean packageNoLonger(CustomerNotices.Kind kind, PackageStatus status) {
        return (kind == CustomerNotices.Kind.OUT_FOR_DELIVERY || kind == CustomerNotices.Kind.ARRIVING)
                && OFF_THE_ROAD.contains(status);
    }
}
