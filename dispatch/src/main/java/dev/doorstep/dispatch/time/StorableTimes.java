package dev.doorstep.dispatch.time;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The dates and instants Doorstep accepts: years 1970 to 9999, far inside PostgreSQL's range (4713 BC to 294276
 * AD), so that no input date, and no date a rule derives from it by adding hours or days, fails a write.
 */
public final class StorableTimes {

    public static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    private static final Instant FIRST = Instant.EPOCH;
    private static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");

    /** Says so in a problem's field reason. */
    public static final String REASON = "must be between years 1970 and 9999";

    private StorableTimes() {
    }

    public static boolean accepts(Instant instant) {
        return !instant.isBefore(FIRST) && instant.isBefore(END);
    }

    public static boolean accepts(LocalDate date) {
        return !date.isBefore(FIRST_DAY) && !date.isAfter(LAST_DAY);
    }
}
