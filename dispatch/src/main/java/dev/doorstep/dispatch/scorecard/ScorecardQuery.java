package dev.doorstep.dispatch.scorecard;

import java.time.LocalDate;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One SQL statement counts a DSP's weeks: every (route, delivery package) pair of its routes in the range, rolled
 * up per package (a package on two routes counts once), then per week and per week and driver.
 */
@Component
class ScorecardQuery {

    /** One row of the answer; driverId is null on a week's totals row. */
    record Row(LocalDate week, boolean total, String driverId, String name, Counts counts) {
    }

    private static final String FAR = "ARRAY['PHONE_FAR_FROM_STOP', 'PHOTO_FAR_FROM_STOP']::text[]";

    private static final String SQL = """
            WITH scope AS (
                SELECT r.id, r.driver_id, date_trunc('week', r.service_date)::date AS week, r.started_at, r.finished_at
                FROM routes r
                WHERE r.dsp_id = :dsp AND r.service_date BETWEEN :from AND :to AND r.status <> 'CANCELLED'),
            visits AS (
                SELECT sc.week, sc.driver_id, sp.tracking_id,
                       d.id IS NOT NULL AS delivered,
                       d.captured_at BETWEEN p.window_from AND p.window_to AS on_time,
                       COALESCE(d.flags && %s, false) AS far,
                       EXISTS (SELECT 1 FROM proof_of_delivery pod WHERE pod.attempt_id = d.id AND pod.kind = 'PHOTO')
                           AS photo,
                       EXISTS (SELECT 1 FROM delivery_attempts f WHERE f.stop_id = st.id
                           AND f.tracking_id = sp.tracking_id AND f.outcome = 'ATTEMPTED') AS failed,
                       d.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM delivery_attempts f
                           WHERE f.tracking_id = sp.tracking_id AND f.outcome = 'ATTEMPTED') AS first_attempt,
                       p.status IN ('RETURN_TO_SENDER', 'RETURNED_TO_SENDER') AS returned
                FROM scope sc
                JOIN stops st ON st.route_id = sc.id
                JOIN stop_packages sp ON sp.stop_id = st.id
                JOIN packages p ON p.tracking_id = sp.tracking_id AND p.kind = 'DELIVERY'
                LEFT JOIN delivery_attempts d ON d.stop_id = st.id AND d.tracking_id = sp.tracking_id
                    AND d.outcome = 'DELIVERED'),
            per_package AS (
                SELECT week, driver_id, GROUPING(driver_id) = 1 AS total, bool_or(delivered) AS delivered,
                       bool_or(on_time) AS on_time, bool_or(far) AS far, bool_or(photo) AS photo,
                       bool_or(failed) AS failed, bool_or(first_attempt) AS first_attempt,
                       bool_or(returned) AS returned
                FROM visits
                GROUP BY GROUPING SETS ((week, tracking_id), (week, driver_id, tracking_id))),
            package_counts AS (
                SELECT week, driver_id, total, count(*) AS packages,
                       count(*) FILTER (WHERE delivered) AS delivered,
                       count(*) FILTER (WHERE on_time) AS on_time,
                       count(*) FILTER (WHERE failed) AS attempted,
                       count(*) FILTER (WHERE returned) AS returned,
                       count(*) FILTER (WHERE far) AS flagged_far,
                       count(*) FILTER (WHERE (failed AND NOT delivered) OR returned OR far) AS defects,
                       count(*) FILTER (WHERE photo) AS with_photo,
                       count(*) FILTER (WHERE first_attempt) AS first_attempt,
                       count(*) FILTER (WHERE delivered OR failed) AS with_outcome
                FROM per_package GROUP BY week, driver_id, total),
            route_counts AS (
                SELECT sc.week, sc.driver_id, GROUPING(sc.driver_id) = 1 AS total, sum(c.stops) AS stops,
                       sum(EXTRACT(EPOCH FROM sc.finished_at - sc.started_at))::double precision / 3600 AS hours
                FROM scope sc
                CROSS JOIN LATERAL (SELECT count(*) AS stops FROM stops s
                    WHERE s.route_id = sc.id AND s.status = 'COMPLETED') c
                WHERE sc.started_at IS NOT NULL AND sc.finished_at IS NOT NULL
                GROUP BY GROUPING SETS ((sc.week), (sc.week, sc.driver_id)))
            SELECT COALESCE(pc.week, rc.week) AS week, COALESCE(pc.total, rc.total) AS total,
                   COALESCE(pc.driver_id, rc.driver_id) AS driver_id, dr.name,
                   COALESCE(pc.packages, 0) AS packages, COALESCE(pc.delivered, 0) AS delivered,
                   COALESCE(pc.on_time, 0) AS on_time, COALESCE(pc.attempted, 0) AS attempted,
                   COALESCE(pc.returned, 0) AS returned, COALESCE(pc.flagged_far, 0) AS flagged_far,
                   COALESCE(pc.defects, 0) AS defects, COALESCE(pc.with_photo, 0) AS with_photo,
                   COALESCE(pc.first_attempt, 0) AS first_attempt, COALESCE(pc.with_outcome, 0) AS with_outcome,
                   COALESCE(rc.stops, 0) AS stops, COALESCE(rc.hours, 0) AS hours
            FROM package_counts pc
            FULL JOIN route_counts rc ON rc.week = pc.week AND rc.total = pc.total
                AND rc.driver_id IS NOT DISTINCT FROM pc.driver_id
            LEFT JOIN drivers dr ON dr.id = COALESCE(pc.driver_id, rc.driver_id)
            ORDER BY week, total DESC, dr.name, driver_id
            """.formatted(FAR);

    private final DatabaseClient db;

    ScorecardQuery(DatabaseClient db) {
        this.db = db;
    }

    /** The rows of the weeks from the one holding {@code from} to the one holding {@code to}. */
    Mono<List<Row>> weeks(String dspId, LocalDate from, LocalDate to) {
        return db.sql(SQL).bind("dsp", dspId).bind("from", from).bind("to", to)
                .map(r -> new Row(r.get("week", LocalDate.class), Boolean.TRUE.equals(r.get("total", Boolean.class)),
                        r.get("driver_id", String.class), r.get("name", String.class),
                        new Counts(count(r.get("packages", Long.class)), count(r.get("delivered", Long.class)),
                                count(r.get("on_time", Long.class)), count(r.get("attempted", Long.class)),
                                count(r.get("returned", Long.class)), count(r.get("flagged_far", Long.class)),
                                count(r.get("defects", Long.class)), count(r.get("with_photo", Long.class)),
                                count(r.get("first_attempt", Long.class)), count(r.get("with_outcome", Long.class)),
                                count(r.get("stops", Long.class)), r.get("hours", Double.class))))
                .all()
                .collectList();
    }

    private static long count(Long value) {
        return value == null ? 0 : value;
    }
}
