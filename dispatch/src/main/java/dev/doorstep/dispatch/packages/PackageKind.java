package dev.doorstep.dispatch.packages;

/** A package to deliver, or a customer return to pick up. */
public enum PackageKind {
    DELIVERY, PICKUP
}
