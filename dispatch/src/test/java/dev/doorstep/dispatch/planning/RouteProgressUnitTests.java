package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.routes.ledger.RouteStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class RouteProgressUnitTests {

    private static final OffsetDateTime START = OffsetDateTime.parse("2026-12-01T08:00:00Z");
    private static final OffsetDateTime END = OffsetDateTime.parse("2026-12-01T16:00:00Z");

    @Test
    void aDriverFortyMinutesLateAtTheLastDoneStopIsExpectedFortyMinutesLate() {
        OffsetDateTime plannedDeparture = OffsetDateTime.parse("2026-12-01T10:00:00Z");
        RouteProgress p = RouteProgress.of(facts(RouteStatus.IN_PROGRESS, START, null, 2, 5, plannedDeparture.plusMinutes(40),
                plannedDeparture, plannedDeparture.plusMinutes(10)), plannedDeparture.plusMinutes(41).toInstant());

        assertThat(p.stopsDone()).isEqualTo(2);
        assertThat(p.stopsTotal()).isEqualTo(5);
        assertThat(p.plannedFinish()).isEqualTo(END);
        assertThat(p.expectedFinish()).isEqualTo(END.plusMinutes(40));
        assertThat(p.minutesBehind()).isEqualTo(40);
    }

    @Test
    void aDriverStuckPastTheNextStopsPlannedArrivalFallsBehindAsTimePasses() {
        OffsetDateTime nextArrival = OffsetDateTime.parse("2026-12-01T10:00:00Z");
        Instant now = nextArrival.plusMinutes(50).toInstant();
        RouteProgress p = RouteProgress.of(facts(RouteStatus.IN_PROGRESS, START, null, 1, 5, nextArrival.minusMinutes(20),
                nextArrival.minusMinutes(15), nextArrival), now);

        assertThat(p.expectedFinish()).isEqualTo(END.plusMinutes(50));
        assertThat(p.minutesBehind()).isEqualTo(50);
    }

    @Test
    void withNoStopDoneTheLateStartCounts() {
        RouteProgress p = RouteProgress.of(facts(RouteStatus.IN_PROGRESS, START.plusMinutes(25), null, 0, 5, null, null,
                START.plusMinutes(20)), START.plusMinutes(26).toInstant());

        assertThat(p.minutesBehind()).isEqualTo(25);
    }

    @Test
    void aFinishedRouteEndedWhenItEndedAndOneNotStartedIsExpectedOnPlan() {
        RouteProgress finished = RouteProgress.of(facts(RouteStatus.FINISHED, START, END.minusMinutes(12), 5, 5, null, null,
                null), END.toInstant());
        RouteProgress assigned = RouteProgress.of(facts(RouteStatus.ASSIGNED, null, null, 0, 5, null, null, null),
                START.toInstant());

        assertThat(finished.expectedFinish()).isEqualTo(END.minusMinutes(12));
        assertThat(finished.minutesBehind()).isEqualTo(-12);
        assertThat(assigned.expectedFinish()).isEqualTo(END);
        assertThat(assigned.minutesBehind()).isNull();
    }

    private static RouteProgress.Facts facts(RouteStatus status, OffsetDateTime startedAt, OffsetDateTime finishedAt,
            int done, int total, OffsetDateTime lastDoneAt, OffsetDateTime lastDonePlannedDeparture,
            OffsetDateTime nextOpenPlannedArrival) {
        return new RouteProgress.Facts(status, START, END, startedAt, finishedAt, done, total, lastDoneAt,
                lastDonePlannedDeparture, nextOpenPlannedArrival);
    }
}
