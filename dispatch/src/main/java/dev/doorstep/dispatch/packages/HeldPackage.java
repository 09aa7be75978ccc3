package dev.doorstep.dispatch.packages;

/** A package locked until the transaction ends, as a change at the door or a return scan starts from it. */
public record HeldPackage(String trackingId, PackageStatus status, int attempts, PackageKind kind) {
}
