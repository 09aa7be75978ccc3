package dev.doorstep.dispatch.packages;

/** Where a package is in its life at the last mile. */
public enum PackageStatus {
    MANIFESTED, AT_STATION, PLANNED, OUT_FOR_DELIVERY, DELIVERED, ATTEMPTED, RETURNED_TO_STATION,
    RETURN_TO_SENDER, RETURNED_TO_SENDER, MISSING, PICKED_UP, CANCELLED
}
