package dev.doorstep.dispatch.returns;

/** What the returns scan decided for one tracking id. */
public enum ReturnOutcome {
    /** Back at the station and due again: AT_STATION, its window moved to a later day. */
    REATTEMPT,
    /** Back at the station after its last attempt, or refused, or a wrong address: RETURN_TO_SENDER. */
    RETURN_TO_SENDER,
    /** A customer return that the driver picked up, now at the station: RETURNED_TO_STATION, not planned again. */
    PICKUP_RECEIVED,
    /** Not a package of this station. */
    NOT_FOUND,
    /** A package of this station that was not out with a driver (delivered, never loaded, already returned,
     * or a pickup that was not picked up). */
    NOT_RETURNABLE
}
