package dev.doorstep.dispatch.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DayProblemUnitTests {

    private static final ZoneId SEATTLE = ZoneId.of("America/Los_Angeles");

    @Test
    void aShiftStartsAtItsLocalTimeOnTheDaysTheClocksChange() {
        assertThat(shiftStartSeconds(LocalDate.of(2027, 3, 14))).as("spring forward: 23-hour day").isEqualTo(7 * 3600);
        assertThat(shiftStartSeconds(LocalDate.of(2027, 11, 7))).as("fall back: 25-hour day").isEqualTo(9 * 3600);
        assertThat(shiftStartSeconds(LocalDate.of(2027, 6, 1))).as("an ordinary day").isEqualTo(8 * 3600);
    }

    @Test
    void theDayStartsAtTheStationsLocalMidnight() {
        DayProblem day = day(LocalDate.of(2027, 3, 14));
        assertThat(day.origin()).isEqualTo(LocalDate.of(2027, 3, 14).atStartOfDay(SEATTLE).toInstant());
        assertThat(day.at(day.vrp().kinds().get(0).shiftStart()))
                .isEqualTo(LocalDate.of(2027, 3, 14).atTime(8, 0).atZone(SEATTLE).toInstant());
    }

    private static double shiftStartSeconds(LocalDate date) {
        return day(date).vrp().kinds().get(0).shiftStart();
    }

    private static DayProblem day(LocalDate date) {
        PlanRequest request = new PlanRequest(date,
                List.of(new FleetEntry("VAN", 100, 9000.0, 1500.0, 1, LocalTime.of(8, 0), 600)), 120, 30, 1);
        return DayProblem.of(SEATTLE, 47.58, -122.33, List.of(), request, 36000);
    }
}
