package dev.doorstep.dispatch.scorecard;

/** The DSP's numbers for one week of the history. */
public record WeekScore(IsoWeek week, Metrics metrics) {
}
