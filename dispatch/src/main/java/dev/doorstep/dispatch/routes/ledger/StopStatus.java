package dev.doorstep.dispatch.routes.ledger;

/** Where a stop of a route is: still to visit, reached, done, or passed over. */
public enum StopStatus {
    PENDING, ARRIVED, COMPLETED, SKIPPED
}
