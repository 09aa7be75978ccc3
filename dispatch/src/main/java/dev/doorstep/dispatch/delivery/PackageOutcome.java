package dev.doorstep.dispatch.delivery;

/** One package of the stop: its outcome and, when ATTEMPTED, why. */
public record PackageOutcome(String trackingId, Outcome outcome, AttemptReason reason) {
}
