package dev.doorstep.tracking.exceptions;

/** What went wrong on a route; each kind opens when its condition starts and clears when it ends. */
public enum ExceptionKind {
    /** A driver on a route in progress sent no ping for {@code no-pings-after}. */
    NO_PINGS,
    /** A driver on a route in progress stayed within a small circle, away from stops, for {@code not-moving-after}. */
    NOT_MOVING,
    /** The route is expected to end more than {@code behind-plan-after} after its planned end. */
    BEHIND_PLAN,
    /** The driver is farther than {@code off-path-meters} from the straight way between previous and next stop. */
    OFF_PATH,
    /** A delivery of the route was flagged far from its stop's address; open until the route finishes. */
    FAR_FROM_ADDRESS,
    /** The phone's battery is below {@code low-battery}. */
    LOW_BATTERY,
    /** A DSP route without driver or van within {@code unassigned-lead} of its planned start. */
    UNASSIGNED_ROUTE
}
