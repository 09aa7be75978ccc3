package dev.doorstep.dispatch.returns;

import dev.doorstep.dispatch.delivery.AttemptReason;
import dev.doorstep.dispatch.packages.PackageTransition;

/**
 * What a delivery scanned back at the station becomes, without the database: back to the shipper after its last
 * attempt or when the last one ended delivery (refused, wrong address), otherwise due again on a later day.
 * {@code why} names the reason it goes back (MAX_ATTEMPTS or the attempt's reason), null for a reattempt.
 */
record ReturnDecision(ReturnOutcome outcome, PackageTransition then, String why, String detail) {

    static ReturnDecision of(int attempts, int maxAttempts, AttemptReason lastReason) {
        boolean lastAttempt = attempts >= maxAttempts;
        if (lastAttempt || (lastReason != null && lastReason.endsDelivery())) {
            String why = lastAttempt ? "MAX_ATTEMPTS" : lastReason.name();
            return new ReturnDecision(ReturnOutcome.RETURN_TO_SENDER, PackageTransition.TO_SENDER, why,
                    "Returning to sender (" + why + ")");
        }
        return new ReturnDecision(ReturnOutcome.REATTEMPT, PackageTransition.REATTEMPT, null,
                "Due again on a later day (attempt " + (attempts + 1) + " of " + maxAttempts + ")");
    }

    boolean toSender() {
        return outcome == ReturnOutcome.RETURN_TO_SENDER;
    }
}
