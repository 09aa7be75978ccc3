package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.routes.ledger.RouteStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * How far a route has got and when it should end. {@code expectedFinish}: for a route IN_PROGRESS, its planned
 * end shifted by how late the driver was at its last completed stop (by its start when no stop is done yet), and
 * never before now plus the planned time left from the next open stop; for a FINISHED route its actual end; for a
 * route not started its planned end. {@code minutesBehind}: expected minus planned end, in whole minutes (negative
 * when ahead); null for a route not started or cancelled.
 */
public record RouteProgress(int stopsDone, int stopsTotal, OffsetDateTime plannedFinish, OffsetDateTime expectedFinish,
        Integer minutesBehind) {

    /** What the rule reads from a route and its stops. Null where unknown. */
    record Facts(RouteStatus status, OffsetDateTime plannedStart, OffsetDateTime plannedEnd, OffsetDateTime startedAt,
            OffsetDateTime finishedAt, int stopsDone, int stopsTotal, OffsetDateTime lastDoneAt,
            OffsetDateTime lastDonePlannedDeparture, OffsetDateTime nextOpenPlannedArrival) {
    }

    static RouteProgress of(Facts f, Instant now) {
        OffsetDateTime plannedEnd = f.plannedEnd();
        if (plannedEnd == null) {
            return new RouteProgress(f.stopsDone(), f.stopsTotal(), null, null, null);
        }
        return switch (f.status()) {
            case FINISHED -> {
                OffsetDateTime end = f.finishedAt() == null ? plannedEnd : f.finishedAt();
                yield new RouteProgress(f.stopsDone(), f.stopsTotal(), plannedEnd, end, minutes(plannedEnd, end));
            }
            case IN_PROGRESS -> {
                OffsetDateTime expected = plannedEnd.plus(lateness(f));
                if (f.nextOpenPlannedArrival() != null) {
                    OffsetDateTime fromNow = now.atOffset(ZoneOffset.UTC)
                            .plus(Duration.between(f.nextOpenPlannedArrival(), plannedEnd));
                    if (fromNow.isAfter(expected)) {
                        expected = fromNow;
                    }
                }
                yield new RouteProgress(f.stopsDone(), f.stopsTotal(), plannedEnd, expected,
                        minutes(plannedEnd, expected));
            }
            case CANCELLED -> new RouteProgress(f.stopsDone(), f.stopsTotal(), plannedEnd, null, null);
            default -> new RouteProgress(f.stopsDone(), f.stopsTotal(), plannedEnd, plannedEnd, null);
        };
    }

    /** Late at the last completed stop (completion against planned departure), else at the start, else zero. */
    private static Duration lateness(Facts f) {
        if (f.lastDoneAt() != null && f.lastDonePlannedDeparture() != null) {
            return Duration.between(f.lastDonePlannedDeparture(), f.lastDoneAt());
        }
        if (f.startedAt() != null && f.plannedStart() != null) {
            return Duration.between(f.plannedStart(), f.startedAt());
        }
        return Duration.ZERO;
    }

    private static Integer minutes(OffsetDateTime plannedEnd, OffsetDateTime expected) {
        return (int) Duration.between(plannedEnd, expected).toMinutes();
    }
}
