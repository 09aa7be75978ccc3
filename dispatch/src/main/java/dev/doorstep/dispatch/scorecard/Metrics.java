package dev.doorstep.dispatch.scorecard;

/**
 * Delivery quality over a set of routes (see the README's "Weekly scorecard" for each definition): counts of
 * delivery packages, and rates in [0, 1] that are null when nothing was there to measure.
 */
public record Metrics(long packages, long delivered, long attempted, long returned, long flaggedFar, long defects,
        Double completionRate, Double onTimeRate, Double defectRate, Double photoCompliance,
        Double firstAttemptSuccess, Double stopsPerHour) {

    static final Metrics NONE = of(Counts.ZERO);

    static Metrics of(Counts c) {
        return new Metrics(c.packages(), c.delivered(), c.attempted(), c.returned(), c.flaggedFar(), c.defects(),
                rate(c.delivered(), c.packages()), rate(c.onTime(), c.delivered()), rate(c.defects(), c.packages()),
                rate(c.withPhoto(), c.delivered()), rate(c.firstAttempt(), c.withOutcome()),
                c.hoursOnRoute() > 0 ? c.completedStops() / c.hoursOnRoute() : null);
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
