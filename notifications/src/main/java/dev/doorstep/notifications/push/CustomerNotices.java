package dev.doorstep.notifications.push;

import dev.doorstep.dispatch.packages.PackageStatus;
import dev.doorstep.dispatch.packages.Packages;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Customer pushes about a package (OUT_FOR_DELIVERY, ARRIVING, DELIVERED, ATTEMPTED, RETURNED_TO_SENDER),
 * ready for the route events: whether such a push still matters, read from the package's current status.
 */
@Component
class CustomerNotices {

    /** The customer templates, as keys {@code package.<kind>} in the message templates. */
    enum Kind { OUT_FOR_DELIVERY, ARRIVING, DELIVERED, ATTEMPTED, RETURNED_TO_SENDER }

    private static final Set<PackageStatus> DONE = EnumSet.of(PackageStatus.DELIVERED, PackageStatus.ATTEMPTED,
            PackageStatus.RETURNED_TO_STATION, PackageStatus.RETURN_TO_SENDER, PackageStatus.RETURNED_TO_SENDER,
            PackageStatus.MISSING, PackageStatus.PICKED_UP, PackageStatus.CANCELLED);

    private final Packages packages;

    CustomerNotices(Packages packages) {
        this.packages = packages;
    }

    /** True when a push of {@code kind} about the package no longer matters (ARRIVING after DELIVERED). */
    Mono<Boolean> stale(Kind kind, String trackingId) {
        return packages.get(trackingId).map(p -> stale(kind, p.status())).defaultIfEmpty(false);
    }

    /**
     * OUT_FOR_DELIVERY and ARRIVING stop mattering once the package left the road (delivered, attempted,
     * returned...); the outcomes themselves always matter.
     */
    static boolean stale(Kind kind, PackageStatus status) {
        return (kind == Kind.OUT_FOR_DELIVERY || kind == Kind.ARRIVING) && DONE.contains(status);
    }
}
