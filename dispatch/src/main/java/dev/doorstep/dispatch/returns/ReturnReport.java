package dev.doorstep.dispatch.returns;

import java.util.List;

/** The returns scan, one result per scanned tracking id in scan order. */
public record ReturnReport(int reattempts, int returnsToSender, int refused, List<ReturnResult> results) {

    static ReturnReport of(List<ReturnResult> results) {
        int reattempts = (int) results.stream().filter(r -> r.outcome() == ReturnOutcome.REATTEMPT).count();
        int toSender = (int) results.stream().filter(r -> r.outcome() == ReturnOutcome.RETURN_TO_SENDER).count();
        return new ReturnReport(reattempts, toSender, results.size() - reattempts - toSender, results);
    }
}
