package dev.doorstep.dispatch.blocks;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;

/**
 * Whether a driver may take one more block: no overlap with the blocks it holds (with a travel gap), and
 * the daily and weekly caps counted on the station's local calendar. Durations are real elapsed time, so
 * a block across a daylight-saving change counts what it really lasts.
 */
final class ScheduleRules {

    static final String OVERLAP = "OVERLAP";
    static final String DAILY_CAP = "DAILY_CAP";
    static final String WEEKLY_CAP = "WEEKLY_CAP";

    /** A span of held or wanted work. */
    record Span(Instant start, Instant end, ZoneId zone) {

        Duration within(Instant from, Instant to) {
            Instant s = start.isAfter(from) ? start : from;
            Instant e = end.isBefore(to) ? end : to;
            return e.isAfter(s) ? Duration.between(s, e) : Duration.ZERO;
        }
    }

    private final BlockSettings settings;

    ScheduleRules(BlockSettings settings) {
        this.settings = settings;
    }

    /** The reason the driver may not take {@code wanted}, or empty when it may. */
    Optional<String> violation(Span wanted, List<Span> held) {
        for (Span h : held) {
            if (wanted.start().isBefore(h.end().plus(settings.travelGap()))
                    && h.start().isBefore(wanted.end().plus(settings.travelGap()))) {
                return Optional.of(OVERLAP);
            }
        }
        ZoneId zone = wanted.zone();
        LocalDate first = wanted.start().atZone(zone).toLocalDate();
        LocalDate last = wanted.end().minusNanos(1).atZone(zone).toLocalDate();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (total(wanted, held, startOf(day, zone), startOf(day.plusDays(1), zone)).compareTo(settings.dailyCap()) > 0) {
                return Optional.of(DAILY_CAP);
            }
        }
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            if (total(wanted, held, startOf(monday, zone), startOf(monday.plusWeeks(1), zone))
                    .compareTo(settings.weeklyCap()) > 0) {
                return Optional.of(WEEKLY_CAP);
            }
        }
        return Optional.empty();
    }

    private static Duration total(Span wanted, List<Span> held, Instant from, Instant to) {
        Duration sum = wanted.within(from, to);
        for (Span h : held) {
            sum = sum.plus(h.within(from, to));
        }
        return sum;
    }

    private static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** Why a check-in at {@code now} is outside the window around {@code start}, or empty. */
    Optional<String> checkInWindow(Instant start, Instant now) {
        if (now.isBefore(start.minus(settings.checkInOpens()))) {
            return Optional.of("TOO_EARLY");
        }
        if (now.isAfter(start.plus(settings.checkInCloses()))) {
            return Optional.of("TOO_LATE");
        }
        return Optional.empty();
    }
}
