package dev.doorstep.dispatch.returns;

import java.util.List;

/** The returns scan, one result per scanned tracking id in scan order. */
public record ReturnReport(int reattempts, int returnsToSender, int pickupsReceived, int refused,
        List<ReturnResult> results) {

    static ReturnReport of(List<ReturnResult> results) {
        int reattempts = count(results, ReturnOutcome.REATTEMPT);
        int toSender = count(results, ReturnOutcome.RETURN_TO_SENDER);
        int pickups = count(results, ReturnOutcome.PICKUP_RECEIVED);
        return new ReturnReport(reattempts, toSender, pickups, results.size() - reattempts - toSender - pickups,
                results);
    }

    private static int count(List<ReturnResult> results, ReturnOutcome outcome) {
        return (int) results.stream().filter(r -> r.outcome() == outcome).count();
    }
}
