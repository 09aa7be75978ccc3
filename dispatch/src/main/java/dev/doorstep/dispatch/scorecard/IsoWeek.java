package dev.doorstep.dispatch.scorecard;

import dev.doorstep.dispatch.errors.InvalidInput;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An ISO 8601 week such as {@code 2026-W48}: Monday to Sunday, week 1 holding the year's first Thursday. */
public record IsoWeek(int year, int week) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{2})");

    public IsoWeek {
        if (week < 1 || week > weeksIn(year)) {
            throw InvalidInput.of("week", year + " has no week " + week + " (it has " + weeksIn(year) + ")");
        }
    }

    /** Parses {@code YYYY-Www}; anything else, or a week the year does not have, is invalid input on {@code week}. */
    public static IsoWeek parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw InvalidInput.of("week", "must be an ISO week such as 2026-W48");
        }
        return new IsoWeek(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The week holding {@code date}. */
    public static IsoWeek of(LocalDate date) {
        return new IsoWeek(date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** 52 or 53: the week of 28 December is always the year's last. */
    static int weeksIn(int year) {
        return LocalDate.of(year, 12, 28).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    public LocalDate monday() {
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
    }

    public LocalDate sunday() {
        return monday().plusDays(6);
    }

    public IsoWeek minusWeeks(int weeks) {
        return of(monday().minusWeeks(weeks));
    }

    @Override
    public String toString() {
        return String.format("%04d-W%02d", year, week);
    }
}
