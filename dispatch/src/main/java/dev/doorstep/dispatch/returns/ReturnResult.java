package dev.doorstep.dispatch.returns;

import dev.doorstep.dispatch.packages.PackageStatus;

/** One scanned tracking id: the decision, the package's status after it (null if unknown) and its attempts. */
public record ReturnResult(String trackingId, ReturnOutcome outcome, PackageStatus status, Integer attempts) {
}
