package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.routes.ledger.RouteStatus;
import dev.doorstep.dispatch.routes.ledger.StopStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads published routes with their stops, for the DSP and driver sides. */
@Component
public class PlannedRoutes {

    /**
     * Packages out for delivery on pending stops of the route with at most :away pending stops before theirs,
     * counted from the driver's progress (the last stop reached).
     */
    private static final String AHEAD = """
            WITH progress AS (
                SELECT coalesce(max(seq), -1) AS seq FROM stops WHERE route_id = :route AND status <> 'PENDING'),
            ahead AS (
                SELECT s.id, count(*) OVER (ORDER BY s.seq) - 1 AS before
                FROM stops s, progress WHERE s.route_id = :route AND s.status = 'PENDING' AND s.seq > progress.seq)
            SELECT p.tracking_id, ahead.before FROM ahead JOIN packages p ON p.stop_id = ahead.id
            WHERE ahead.before <= :away AND p.status = 'OUT_FOR_DELIVERY'
            """;

    private static final String SUMMARY = """
            SELECT r.id, r.station_id, r.dsp_id, r.driver_id, r.status, r.planned_start,
                   (SELECT count(*) FROM stops s WHERE s.route_id = r.id) AS stops
            FROM routes r WHERE r.id = :id
            """;

    /** The DSP's route ids of a day: {@code :date}, or today in each route's station time zone. */
    private static final String IDS_OF_DAY = """
            SELECT r.id FROM routes r JOIN stations st ON st.id = r.station_id
            WHERE r.dsp_id = :dsp AND r.service_date = %s
            """;

    private static final String PACKAGE_ROUTE = """
            SELECT p.tracking_id, p.stop_id, s.route_id, r.status AS route_status, r.driver_id,
                   CASE WHEN r.duration_s > 0 AND r.distance_m > 0 THEN r.distance_m / r.duration_s END AS plan_speed
            FROM packages p JOIN stops s ON s.id = p.stop_id LEFT JOIN routes r ON r.id = s.route_id
            WHERE p.tracking_id = :id
            """;

    /** The plan's departure includes any wait for the window to open; the service alone is the time after it. */
    private static final String STOP_TIMES = """
            SELECT id, seq, status, lat, lon, planned_arrival, planned_departure,
                   EXTRACT(EPOCH FROM planned_departure
                       - GREATEST(planned_arrival, COALESCE(window_from, planned_arrival))) AS planned_service_s,
                   arrived_at, completed_at
            FROM stops WHERE route_id = :route ORDER BY seq
            """;

    private final PlanReader reader;
    private final DatabaseClient db;

    PlannedRoutes(PlanReader reader, DatabaseClient db) {
        this.reader = reader;
        this.db = db;
    }

    public Mono<List<PlannedRoute>> ofDsp(String dspId, LocalDate date) {
        return reader.routes("dsp_id = :dsp AND service_date = :date", Map.of("dsp", dspId, "date", date));
    }

    /** The DSP routes IN_PROGRESS now, lean: position of station and stops, progress; no packages. */
    public Mono<List<RouteUnderway>> underway() {
        return reader.underway();
    }

    public Mono<PlannedRoute> get(String routeId) {
        return reader.routes("id = :id", Map.of("id", routeId))
                .flatMap(routes -> routes.isEmpty() ? Mono.error(new NotFound("route", routeId)) : Mono.just(routes.get(0)));
    }

    /** The driver's route on {@code date}, or on today's date in its station's time zone when null. */
    public Mono<List<PlannedRoute>> ofDriver(String driverId, LocalDate date) {
        if (date != null) {
            return reader.routes("driver_id = :driver AND service_date = :date AND status <> 'CANCELLED'",
                    Map.of("driver", driverId, "date", date));
        }
        return reader.routes("driver_id = :driver AND status <> 'CANCELLED' AND service_date = "
                + "(SELECT (now() AT TIME ZONE s.time_zone)::date FROM stations s WHERE s.id = routes.station_id)",
                Map.of("driver", driverId));
    }

    /** The route in one line, or empty when there is no such route. */
    public Mono<RouteSummary> summary(String routeId) {
        return db.sql(SUMMARY)
                .bind("id", routeId)
                .map(row -> summary(row))
                .one();
    }

    private static RouteSummary summary(io.r2dbc.spi.Readable row) {
        return new RouteSummary(row.get("id", String.class), row.get("station_id", String.class),
                row.get("dsp_id", String.class), row.get("driver_id", String.class), RouteStatus.valueOf(row.get("status", String.class)),
                row.get("planned_start", OffsetDateTime.class), row.get("stops", Long.class).intValue());
    }

    /** The packages out for delivery on the route with at most {@code maxStopsAway} pending stops before theirs. */
    public Flux<PackageAhead> packagesAhead(String routeId, int maxStopsAway) {
        return db.sql(AHEAD)
                .bind("route", routeId)
                .bind("away", maxStopsAway)
                .map(row -> new PackageAhead(row.get("tracking_id", String.class),
                        row.get("before", Long.class).intValue()))
                .all();
    }

    /** The ids of the DSP's routes of {@code date}, or of today in each route's station time zone when null. */
    public Flux<String> idsOfDay(String dspId, LocalDate date, Instant now) {
        DatabaseClient.GenericExecuteSpec sql = db.sql(IDS_OF_DAY.formatted(
                        date == null ? "(:now AT TIME ZONE st.time_zone)::date" : ":date"))
                .bind("dsp", dspId);
        sql = date == null ? sql.bind("now", now.atOffset(ZoneOffset.UTC)) : sql.bind("date", date);
        return sql.map(row -> row.get("id", String.class)).all();
    }

    /** The stop and route the package is on, or empty while it is on none. */
    public Mono<PackageRoute> ofPackage(String trackingId) {
        return db.sql(PACKAGE_ROUTE)
                .bind("id", trackingId)
                .map(r -> new PackageRoute(r.get("tracking_id", String.class), r.get("stop_id", String.class),
                        r.get("route_id", String.class), RouteStatus.valueOf(r.get("route_status", String.class)),
                        r.get("driver_id", String.class), r.get("plan_speed", Double.class)))
                .one();
    }

    /** The route's stops in order, with their planned and actual times. */
    public Mono<List<StopTimes>> stopTimes(String routeId) {
        return db.sql(STOP_TIMES)
                .bind("route", routeId)
                .map(r -> new StopTimes(r.get("id", String.class), r.get("seq", Integer.class),
                        StopStatus.valueOf(r.get("status", String.class)), r.get("lat", Double.class), r.get("lon", Double.class),
                        r.get("planned_arrival", OffsetDateTime.class),
                        r.get("planned_departure", OffsetDateTime.class),
                        r.get("planned_service_s", Double.class), r.get("arrived_at", OffsetDateTime.class),
                        r.get("completed_at", OffsetDateTime.class)))
                .all()
                .collectList();
    }

    /** DSP routes without driver or van, planned to start by {@code until} (none from before yesterday). */
    public Flux<RouteSummary> dspRoutesUnassignedStartingBy(Instant until, Instant now) {
        return db.sql("""
                        SELECT id, station_id, dsp_id, driver_id, status, planned_start,
                               (SELECT count(*) FROM stops s WHERE s.route_id = routes.id) AS stops FROM routes
                        WHERE status IN ('PLANNED', 'ASSIGNED') AND dsp_id IS NOT NULL
                          AND (driver_id IS NULL OR van_id IS NULL) AND planned_start <= :limit
                          AND service_date >= (:now::timestamptz AT TIME ZONE 'UTC')::date - 1
                        """)
                .bind("limit", until.atOffset(ZoneOffset.UTC))
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .map(row -> summary(row))
                .all();
    }

    /** The packages out for delivery on the route's stops, by tracking id. */
    public Flux<String> outForDelivery(String routeId) {
        return db.sql("""
                        SELECT p.tracking_id FROM packages p JOIN stops s ON s.id = p.stop_id
                        WHERE s.route_id = :route AND p.status = 'OUT_FOR_DELIVERY' ORDER BY p.tracking_id""")
                .bind("route", routeId)
                .map(row -> row.get("tracking_id", String.class))
                .all();
    }
}
