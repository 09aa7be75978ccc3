package dev.doorstep.dispatch.scorecard;

/** What the scorecard query counts for one week and one driver (or all of them), before rates are taken. */
record Counts(long packages, long delivered, long onTime, long attempted, long returned, long flaggedFar,
        long defects, long withPhoto, long firstAttempt, long withOutcome, long completedStops, double hoursOnRoute) {

    static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
