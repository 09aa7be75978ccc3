package dev.doorstep.dispatch.scorecard;

import dev.doorstep.dispatch.errors.NotFound;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A DSP's weekly scorecard with the weeks before it; the caller has already checked it may see that DSP. */
@Component
public class Scorecards {

    /** Weeks in the history, the requested one included. */
    public static final int HISTORY_WEEKS = 6;

    private final DatabaseClient db;
    private final ScorecardQuery query;
    private final Clock clock;

    Scorecards(DatabaseClient db, ScorecardQuery query, Clock clock) {
        this.db = db;
        this.query = query;
        this.clock = clock;
    }

    /** The DSP's week, or its current week (in its station's time zone) when {@code week} is null. */
    public Mono<Scorecard> of(String dspId, IsoWeek week) {
        return timeZone(dspId)
                .map(zone -> week != null ? week : IsoWeek.of(LocalDate.ofInstant(clock.instant(), zone)))
                .flatMap(w -> query.weeks(dspId, w.minusWeeks(HISTORY_WEEKS - 1).monday(), w.sunday())
                        .map(rows -> scorecard(dspId, w, rows)));
    }

    private static Scorecard scorecard(String dspId, IsoWeek week, List<ScorecardQuery.Row> rows) {
        Map<LocalDate, Metrics> totals = rows.stream().filter(ScorecardQuery.Row::total)
                .collect(Collectors.toMap(ScorecardQuery.Row::week, row -> Metrics.of(row.counts())));
        List<DriverScore> drivers = rows.stream()
                .filter(row -> !row.total() && row.driverId() != null && row.week().equals(week.monday()))
                .map(row -> new DriverScore(row.driverId(), row.name(), Metrics.of(row.counts())))
                .toList();
        List<WeekScore> history = new ArrayList<>();
        for (int back = HISTORY_WEEKS - 1; back >= 0; back--) {
            IsoWeek w = week.minusWeeks(back);
            history.add(new WeekScore(w, totals.getOrDefault(w.monday(), Metrics.NONE)));
        }
        return new Scorecard(dspId, week, week.monday(), week.sunday(),
                totals.getOrDefault(week.monday(), Metrics.NONE), drivers, history);
    }

    /** The time zone of the station of the DSP's latest route, else of a driver's home station, else UTC. */
    private Mono<ZoneId> timeZone(String dspId) {
        return db.sql("""
                        SELECT d.id, (SELECT st.time_zone FROM routes r JOIN stations st ON st.id = r.station_id
                        WHERE r.dsp_id = d.id ORDER BY r.service_date DESC LIMIT 1) AS route_zone,
                        (SELECT st.time_zone FROM drivers dr JOIN stations st ON st.id = dr.home_station_id
                        WHERE dr.dsp_id = d.id LIMIT 1) AS driver_zone FROM dsps d WHERE d.id = :dsp""")
                .bind("dsp", dspId)
                .map(r -> {
                    String zone = r.get("route_zone", String.class);
                    zone = zone != null ? zone : r.get("driver_zone", String.class);
                    return zone != null ? ZoneId.of(zone) : (ZoneId) ZoneOffset.UTC;
                })
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("dsp", dspId)));
    }
}
