package dev.doorstep.tracking.exceptions;

import dev.doorstep.dispatch.delivery.DeliveryFacts;
import dev.doorstep.dispatch.fleet.Driver;
import dev.doorstep.dispatch.fleet.Drivers;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.planning.PlannedRoutes;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The route_exceptions rows; what the non-live kinds need of dispatch (routes due without driver, attempts far
 * from their stops, routes of a day, drivers' names) comes through its facades.
 */
@Component
class ExceptionStore {

    private static final String ITEM = """
            SELECT e.id, e.dsp_id, e.kind, e.driver_id, e.route_id,
            e.stop_id, e.started_at, e.cleared_at, e.detail, e.lat, e.lon FROM route_exceptions e
            """;

    private final DatabaseClient db;
    private final Drivers drivers;
    private final PlannedRoutes routes;
    private final DeliveryFacts deliveries;

    ExceptionStore(DatabaseClient db, Drivers drivers, PlannedRoutes routes, DeliveryFacts deliveries) {
        this.db = db;
        this.drivers = drivers;
        this.routes = routes;
        this.deliveries = deliveries;
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
        DatabaseClient.GenericExecuteSpec sql = db.sql("""
                        INSERT INTO route_exceptions (id, dsp_id, kind, subject,
                        driver_id, route_id, stop_id, started_at, detail, lat, lon) VALUES (:id, :dsp, :kind,
                        :subject, :driver, :route, :stop, :started, :detail, :lat, :lon)
                        ON CONFLICT (kind, subject) WHERE cleared_at IS NULL DO NOTHING RETURNING id""")
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
        return db.sql("""
                        UPDATE route_exceptions SET cleared_at = GREATEST(:now, started_at)
                        WHERE id = ANY(:ids::text[]) AND cleared_at IS NULL RETURNING id, dsp_id""")
                .bind("now", now.atOffset(ZoneOffset.UTC)).bind("ids", ids.toArray(String[]::new))
                .map(row -> new Changed(row.get("id", String.class), row.get("dsp_id", String.class)))
                .all();
    }

    Mono<RouteException> item(String id) {
        return named(db.sql(ITEM + "WHERE e.id = :id").bind("id", id).map(row -> item(row)).all()).next();
    }

    /** Whether the exception was cleared; false for an unknown id. */
    Mono<Boolean> cleared(String id) {
        return db.sql("SELECT cleared_at IS NOT NULL AS cleared FROM route_exceptions WHERE id = :id")
                .bind("id", id)
                .map(row -> row.get("cleared", Boolean.class))
                .one()
                .defaultIfEmpty(false);
    }

    Flux<RouteException> openOf(String dspId) {
        return named(db.sql(ITEM + "WHERE e.dsp_id = :dsp AND e.cleared_at IS NULL "
                        + "ORDER BY e.started_at DESC, e.id DESC")
                .bind("dsp", dspId).map(row -> item(row)).all());
    }

    /** Open or not, of the DSP's routes of {@code date}, or of today in each route's station time zone when null. */
    Flux<RouteException> ofDay(String dspId, LocalDate date, Instant now) {
        return routes.idsOfDay(dspId, date, now).collectList()
                .flatMapMany(ids -> ids.isEmpty() ? Flux.empty() : named(db.sql(ITEM
                                + "WHERE e.dsp_id = :dsp AND e.route_id = ANY(:routes) ORDER BY e.started_at DESC, e.id DESC")
                        .bind("dsp", dspId).bind("routes", ids.toArray(String[]::new))
                        .map(row -> item(row)).all()));
    }

    /** The rows with their drivers' names, read from dispatch in one call. */
    private Flux<RouteException> named(Flux<RouteException> rows) {
        return rows.collectList().flatMapMany(items -> {
            Set<String> ids = items.stream().map(RouteException::driverId).filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            return drivers.all(ids).collectMap(Driver::id, Driver::name)
                    .flatMapIterable(names -> items.stream().map(e -> e.withDriverName(names.get(e.driverId())))
                            .toList());
        });
    }

    /** DSP routes without driver or van whose planned start is within {@code lead} (none from before yesterday). */
    Flux<Condition> unassigned(Instant now, Duration lead) {
        return routes.dspRoutesUnassignedStartingBy(now.plus(lead), now)
                .map(route -> {
                    Instant start = route.plannedStart().toInstant();
                    return new Condition(ExceptionKind.UNASSIGNED_ROUTE, route.id(), route.dspId(), null, route.id(),
                            null, start.minus(lead), "No driver or van assigned; planned start " + start, null, null);
                });
    }

    /** Per stop of a DSP route in progress, its first attempt flagged far from the stop. */
    Flux<Condition> farFromAddress() {
        return deliveries.farFromStop()
                .map(a -> {
                    List<String> flags = a.flags().stream().filter(f -> f.endsWith("_FAR_FROM_STOP")).toList();
                    return new Condition(ExceptionKind.FAR_FROM_ADDRESS, a.stopId(), a.dspId(), a.driverId(),
                            a.routeId(), a.stopId(), a.capturedAt().toInstant(),
                            "Delivery at stop " + a.seq() + " flagged " + String.join(", ", flags), a.lat(), a.lon());
                });
    }

    private static RouteException item(Readable row) {
        return new RouteException(row.get("id", String.class), ExceptionKind.valueOf(row.get("kind", String.class)),
                row.get("driver_id", String.class), null,
                row.get("route_id", String.class), row.get("stop_id", String.class),
                row.get("started_at", OffsetDateTime.class), row.get("cleared_at", OffsetDateTime.class),
                row.get("detail", String.class), row.get("lat", Double.class), row.get("lon", Double.class));
    }

    private static <T> DatabaseClient.GenericExecuteSpec bindOrNull(DatabaseClient.GenericExecuteSpec sql, String name,
            T value, Class<T> type) {
        return value == null ? sql.bindNull(name, type) : sql.bind(name, value);
    }
}
