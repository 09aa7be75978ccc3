package dev.doorstep.dispatch.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleRulesUnitTests {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final ScheduleRules rules = new ScheduleRules(BlockSettings.defaults());

    @Test
    void aBlockThirtyMinutesAfterAnotherFitsButTwentyNineDoNot() {
        ScheduleRules.Span held = span("2027-03-02T08:00", 120);
        assertThat(rules.violation(span("2027-03-02T10:30", 60), List.of(held))).isEmpty();
        assertThat(rules.violation(span("2027-03-02T10:29", 60), List.of(held))).contains("OVERLAP");
        assertThat(rules.violation(span("2027-03-02T06:30", 60), List.of(held))).isEmpty();
        assertThat(rules.violation(span("2027-03-02T06:31", 60), List.of(held))).contains("OVERLAP");
    }

    @Test
    void eightHoursOnALocalDayAreAllowedAndOneMinuteMoreIsNot() {
        ScheduleRules.Span held = span("2027-03-02T06:00", 240);
        assertThat(rules.violation(span("2027-03-02T12:00", 240), List.of(held))).isEmpty();
        assertThat(rules.violation(span("2027-03-02T12:00", 241), List.of(held))).contains("DAILY_CAP");
    }

    @Test
    void theDailyCapCountsTheStationsLocalDayNotTheUtcDay() {
        // 20:00-24:00 New York time is 00:00-04:00 UTC of the next day, yet the same local day.
        ScheduleRules.Span evening = span("2027-03-02T20:00", 240);
        assertThat(rules.violation(span("2027-03-02T10:00", 270), List.of(evening))).contains("DAILY_CAP");
    }

    @Test
    void onTheShortDayOfTheSpringChangeTheNextLocalMidnightEndsTheDay() {
        // 14 March 2027 has 23 hours in New York: a block from midnight on the 15th belongs to the 15th.
        ScheduleRules.Span nextDay = span("2027-03-15T00:00", 240);
        assertThat(rules.violation(span("2027-03-14T10:00", 450), List.of(nextDay))).isEmpty();
        assertThat(rules.violation(span("2027-03-15T05:00", 241), List.of(nextDay))).contains("DAILY_CAP");
    }

    @Test
    void aBlockAcrossTheSpringChangeCountsItsRealDuration() {
        // 00:30 to 04:30 on the wall clock is only three real hours on 14 March 2027.
        ScheduleRules.Span night = span("2027-03-14T00:30", 180);
        assertThat(night.end().atZone(NEW_YORK).toLocalTime()).hasToString("04:30");
        assertThat(rules.violation(span("2027-03-14T10:00", 300), List.of(night))).isEmpty();
        assertThat(rules.violation(span("2027-03-14T10:00", 301), List.of(night))).contains("DAILY_CAP");
    }

    @Test
    void fortyHoursInALocalWeekAreAllowedAndMoreAreNot() {
        List<ScheduleRules.Span> week = List.of(span("2027-03-01T08:00", 480), span("2027-03-02T08:00", 480),
                span("2027-03-03T08:00", 480), span("2027-03-04T08:00", 480));
        assertThat(rules.violation(span("2027-03-05T08:00", 480), week)).isEmpty();
        List<ScheduleRules.Span> five = new java.util.ArrayList<>(week);
        five.add(span("2027-03-05T08:00", 480));
        assertThat(rules.violation(span("2027-03-06T08:00", 60), five)).contains("WEEKLY_CAP");
        // The next Monday starts a new week.
        assertThat(rules.violation(span("2027-03-08T08:00", 60), five)).isEmpty();
    }

    @Test
    void checkInOpensFifteenMinutesBeforeAndClosesTenMinutesAfterTheStart() {
        Instant start = Instant.parse("2027-03-02T15:00:00Z");
        assertThat(rules.checkInWindow(start, start.minus(Duration.ofMinutes(15)))).isEmpty();
        assertThat(rules.checkInWindow(start, start.minus(Duration.ofMinutes(15)).minusSeconds(1))).contains("TOO_EARLY");
        assertThat(rules.checkInWindow(start, start.plus(Duration.ofMinutes(10)))).isEmpty();
        assertThat(rules.checkInWindow(start, start.plus(Duration.ofMinutes(10)).plusSeconds(1))).contains("TOO_LATE");
    }

    private static ScheduleRules.Span span(String localStart, int minutes) {
        Instant start = LocalDateTime.parse(localStart).atZone(NEW_YORK).toInstant();
        return new ScheduleRules.Span(start, start.plus(Duration.ofMinutes(minutes)), NEW_YORK);
    }
}
