package dev.doorstep.dispatch.routes;

/** Where a stop of a route is: still to visit, reached, done, or passed over. */
enum StopStatus {
    PENDING, ARRIVED, COMPLETED, SKIPPED
}
