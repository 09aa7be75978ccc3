package dev.doorstep.tracking.exceptions;

import dev.doorstep.dispatch.ids.Ids;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The route_exceptions rows, and the reads of dispatch's routes and attempts that the non-live kinds need. */
@Component
class ExceptionStore {

    private static final String ITEM = "SELECT e.id, e.dsp_id, e.kind, e.driver_id, d.name AS driver_name, e.route_id, "
            + "e.stop_id, e.started_at, e.cleared_at, e.detail, e.lat, e.lon FROM route_exceptions e "
            + "LEFT JOIN drivers d ON d.id = e.driver_id ";

    private final DatabaseClient db;

    ExceptionStore(DatabaseClient db) {
        this.db = db;
    }

    /** An open row: its id and its kind|subject key. */
    record Open(String id, String key) {
    }

    /** A row as it changed, for the fan-out. */
    record Changed(String id, String dspId) {
    }

    Mono<List<Open>> open() {
        return db.sql("SELECT id, kind, subject FROM route_exceptions WHERE cleared_at IS NULL")
                .map(row -> new Open(row.get("id", String.class),
                        Condition.key(row.get("kind", String.class), row.get("subject", String.class))))
                .all()
                .collectList();
    }

    /** Opens the condition's row unless one is open already (another node may have been first): its id or empty. */
    Mono<String> insert(Condition c) {
        DatabaseClient.GenericExecuteSpec sql = db.sql("INSERT INTO route_exceptions (id, dsp_id, kind, subject, "
                        + "driver_id, route_id, stop_id, started_at, detail, lat, lon) VALUES (:id, :dsp, :kind, "
                        + ":subject, :driver, :route, :stop, :started, :detail, :lat, :lon) "
                        + "ON CONFLICT (kind, subject) WHERE cleared_at IS NULL DO NOTHING RETURNING id")
                .bind("id", Ids.next("exc")).bind("dsp", c.dspId()).bind("kind", c.kind().name())
                .bind("subject", c.subject()).bind("started", c.startedAt().atOffset(ZoneOffset.UTC))
                .bind("detail", c.detail());
        sql = bindOrNull(sql, "driver", c.driverId(), String.class);
        sql = bindOrNull(sql, "route", c.routeId(), String.class);
        sql = bindOrNull(sql, "stop", c.stopId(), String.class);
        sql = bindOrNull(sql, "lat", c.lat(), Double.class);
        sql = bindOrNull(sql, "lon", c.lon(), Double.class);
        return sql.map(row -> row.get("id", String.class)).one();
    }

    /** Clears those of the rows still open; answers the rows cleared now. */
    Flux<Changed> clear(List<String> ids, Instant now) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("UPDATE route_exceptions SET cleared_at = GREATEST(:now, started_at) "
                        + "WHERE id = ANY(:ids::text[]) AND cleared_at IS NULL RETURNING id, dsp_id")
                .bind("now", now.atOffset(ZoneOffset.UTC)).bind("ids", ids.toArray(String[]::new))
                .map(row -> new Changed(row.get("id", String.class), row.get("dsp_id", String.class)))
                .all();
    }

    Mono<RouteException> item(String id) {
        return db.sql(ITEM + "WHERE e.id = :id").bind("id", id).map(row -> item(row)).one();
    }

    Flux<RouteException> openOf(String dspId) {
        return db.sql(ITEM + "WHERE e.dsp_id = :dsp AND e.cleared_at IS NULL ORDER BY e.started_at DESC, e.id DESC")
                .bind("dsp", dspId).map(row -> item(row)).all();
    }

    /** Open or not, of the DSP's routes of {@code date}, or of today in each route's station time zone when null. */
    Flux<RouteException> ofDay(String dspId, LocalDate date, Instant now) {
        String day = date == null ? "(:now AT TIME ZONE st.time_zone)::date" : ":date";
        DatabaseClient.GenericExecuteSpec sql = db.sql(ITEM + "JOIN routes r ON r.id = e.route_id "
                        + "JOIN stations st ON st.id = r.station_id WHERE e.dsp_id = :dsp AND r.service_date = " + day
                        + " ORDER BY e.started_at DESC, e.id DESC")
                .bind("dsp", dspId);
        sql = date == null ? sql.bind("now", now.atOffset(ZoneOffset.UTC)) : sql.bind("date", date);
        return sql.map(row -> item(row)).all();
    }

    /** DSP routes without driver or van whose planned start is within {@code lead} (none from before yesterday). */
    Flux<Condition> unassigned(Instant now, Duration lead) {
        return db.sql("SELECT id, dsp_id, planned_start FROM routes WHERE status IN ('PLANNED', 'ASSIGNED') "
                        + "AND dsp_id IS NOT NULL AND (driver_id IS NULL OR van_id IS NULL) "
                        + "AND planned_start <= :limit AND service_date >= (:now::timestamptz AT TIME ZONE 'UTC')::date - 1")
                .bind("limit", now.plus(lead).atOffset(ZoneOffset.UTC)).bind("now", now.atOffset(ZoneOffset.UTC))
                .map(row -> {
                    String routeId = row.get("id", String.class);
                    OffsetDateTime start = row.get("planned_start", OffsetDateTime.class);
                    return new Condition(ExceptionKind.UNASSIGNED_ROUTE, routeId, row.get("dsp_id", String.class), null,
                            routeId, null, start.toInstant().minus(lead),
                            "No driver or van assigned; planned start " + start.toInstant(), null, null);
                })
                .all();
    }

    /** Per stop of a DSP route in progress, its first attempt flagged far from the stop. */
    Flux<Condition> farFromAddress() {
        return db.sql("SELECT DISTINCT ON (a.stop_id) a.stop_id, s.seq, s.route_id, r.dsp_id, r.driver_id, "
                        + "a.captured_at, a.lat, a.lon, a.flags FROM delivery_attempts a JOIN stops s ON s.id = a.stop_id "
                        + "JOIN routes r ON r.id = s.route_id WHERE r.status = 'IN_PROGRESS' AND r.dsp_id IS NOT NULL "
                        + "AND a.flags && ARRAY['PHONE_FAR_FROM_STOP', 'PHOTO_FAR_FROM_STOP']::text[] "
                        + "ORDER BY a.stop_id, a.captured_at, a.id")
                .map(row -> {
                    String stopId = row.get("stop_id", String.class);
                    List<String> flags = List.of(row.get("flags", String[].class)).stream()
                            .filter(f -> f.endsWith("_FAR_FROM_STOP")).toList();
                    return new Condition(ExceptionKind.FAR_FROM_ADDRESS, stopId, row.get("dsp_id", String.class),
                            row.get("driver_id", String.class), row.get("route_id", String.class), stopId,
                            row.get("captured_at", OffsetDateTime.class).toInstant(),
                            "Delivery at stop " + row.get("seq", Integer.class) + " flagged " + String.join(", ", flags),
                            row.get("lat", Double.class), row.get("lon", Double.class));
                })
                .all();
    }

    private static RouteException item(Readable row) {
        return new RouteException(row.get("id", String.class), ExceptionKind.valueOf(row.get("kind", String.class)),
                row.get("driver_id", String.class), row.get("driver_name", String.class),
                row.get("route_id", String.class), row.get("stop_id", String.class),
                row.get("started_at", OffsetDateTime.class), row.get("cleared_at", OffsetDateTime.class),
                row.get("detail", String.class), row.get("lat", Double.class), row.get("lon", Double.class));
    }

    private static <T> DatabaseClient.GenericExecuteSpec bindOrNull(DatabaseClient.GenericExecuteSpec sql, String name,
            T value, Class<T> type) {
        return value == null ? sql.bindNull(name, type) : sql.bind(name, value);
    }
}
