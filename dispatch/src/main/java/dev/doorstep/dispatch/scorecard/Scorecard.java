package dev.doorstep.dispatch.scorecard;

import java.time.LocalDate;
import java.util.List;

/** A DSP's week: totals, each driver, and the DSP's totals for the weeks up to this one, oldest first. */
public record Scorecard(String dspId, IsoWeek week, LocalDate from, LocalDate to, Metrics totals,
        List<DriverScore> drivers, List<WeekScore> history) {
}
