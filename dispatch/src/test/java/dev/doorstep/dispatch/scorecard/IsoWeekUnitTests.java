package dev.doorstep.dispatch.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.dispatch.errors.InvalidInput;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IsoWeekUnitTests {

    @Test
    void aWeekRunsMondayToSunday() {
        IsoWeek week = IsoWeek.parse("2026-W48");
        assertThat(week.monday()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(week.sunday()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(week).hasToString("2026-W48");
    }

    @Test
    void weekOneMayStartInTheYearBefore() {
        // 1 January 2026 is a Thursday, so week 1 starts on Monday 29 December 2025.
        assertThat(IsoWeek.parse("2026-W01").monday()).isEqualTo(LocalDate.of(2025, 12, 29));
        assertThat(IsoWeek.of(LocalDate.of(2025, 12, 31))).hasToString("2026-W01");
        // 1 January 2021 is a Friday: it still belongs to 2020's week 53.
        assertThat(IsoWeek.of(LocalDate.of(2021, 1, 1))).hasToString("2020-W53");
    }

    @Test
    void onlyLongYearsHaveAWeek53() {
        // A year has 53 weeks when it starts on a Thursday (2026) or is a leap year starting on a Wednesday (2020).
        assertThat(IsoWeek.parse("2020-W53").monday()).isEqualTo(LocalDate.of(2020, 12, 28));
        assertThat(IsoWeek.parse("2026-W53").sunday()).isEqualTo(LocalDate.of(2027, 1, 3));
        for (String missing : new String[] {"2025-W53", "2027-W53"}) {
            assertThatThrownBy(() -> IsoWeek.parse(missing)).as(missing).isInstanceOf(InvalidInput.class)
                    .satisfies(e -> assertThat(((InvalidInput) e).errors().get(0).field()).isEqualTo("week"));
        }
    }

    @Test
    void goingBackCrossesTheYear() {
        assertThat(IsoWeek.parse("2021-W02").minusWeeks(2)).hasToString("2020-W53");
        assertThat(IsoWeek.parse("2026-W03").minusWeeks(5)).hasToString("2025-W50");
    }

    @Test
    void anythingButYyyyWwwIsRefusedOnTheWeekField() {
        for (String bad : new String[] {"2026-48", "2026-W4", "2026-W00", "2026-W54", "26-W10", "2026W10", "",
                "2026-w10", "2026-11-23"}) {
            assertThatThrownBy(() -> IsoWeek.parse(bad)).as(bad).isInstanceOf(InvalidInput.class)
                    .satisfies(e -> assertThat(((InvalidInput) e).errors().get(0).field()).isEqualTo("week"));
        }
    }
}
