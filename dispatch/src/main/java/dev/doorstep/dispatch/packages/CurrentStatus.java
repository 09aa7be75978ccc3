package dev.doorstep.dispatch.packages;

import java.time.Instant;

/** A package's status now and when it reached it (its latest event of that status; null if it has none). */
public record CurrentStatus(String trackingId, PackageStatus status, Instant since) {
}
