package dev.doorstep.tracking.customer;

import dev.doorstep.dispatch.packages.CurrentStatus;
import dev.doorstep.dispatch.packages.TimelineEntry;
import dev.doorstep.dispatch.planning.TrackedPackage;
import dev.doorstep.dispatch.planning.TrackedPackages;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The last read of each package as its tracking page shows it ({@link TrackedPackages}), kept for
 * {@code view-max-age}: a tracking read that misses both its resolved link and its view reads the package once, for
 * its link's expiry and for its view, instead of twice. A view computed afresh always reads the package afresh and
 * keeps that read here.
 */
@Component
public class RecentPackages {

    private final TrackedPackages packages;
    private final RecentReads<String, TrackedPackage> recent;

    RecentPackages(TrackedPackages packages, TrackingSettings settings, Clock clock) {
        this.packages = packages;
        this.recent = new RecentReads<>(clock, settings.viewMaxAge(), settings.viewMaxEntries());
    }

    /** The package's current status and when it reached it (its last event of that status); empty if unknown. */
    public Mono<CurrentStatus> currentStatus(String trackingId) {
        return recent.get(trackingId, packages::get).map(RecentPackages::currentStatus);
    }

    /** The package read now, kept for the next {@link #currentStatus} of it. */
    Mono<TrackedPackage> readNow(String trackingId) {
        return packages.get(trackingId).doOnNext(pkg -> recent.put(trackingId, pkg));
    }

    private static CurrentStatus currentStatus(TrackedPackage pkg) {
        Instant since = null;
        for (TimelineEntry entry : pkg.timeline()) {
            if (entry.status() == pkg.status() && (since == null || entry.at().toInstant().isAfter(since))) {
                since = entry.at().toInstant();
            }
        }
        return new CurrentStatus(pkg.trackingId(), pkg.status(), since);
    }
}
