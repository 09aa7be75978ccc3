package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.packages.DeliveryWindow;
import dev.doorstep.dispatch.routes.ledger.RouteStatus;
import dev.doorstep.dispatch.routes.ledger.StopStatus;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads a plan with its routes, stops and packages; also the routes of one DSP or one driver. */
@Component
class PlanReader {

    /** What {@link RouteProgress} reads from the stops of the route ({@code routes} in the query). */
    static final String PROGRESS_COLUMNS = "(SELECT count(*) FROM stops s WHERE s.route_id = routes.id) AS stops_total, "
            + "(SELECT count(*) FROM stops s WHERE s.route_id = routes.id AND s.status IN ('COMPLETED', 'SKIPPED')) "
            + "AS stops_done, "
            + "(SELECT s.completed_at FROM stops s WHERE s.route_id = routes.id AND s.completed_at IS NOT NULL "
            + "ORDER BY s.completed_at DESC, s.seq DESC LIMIT 1) AS last_done_at, "
            + "(SELECT s.planned_departure FROM stops s WHERE s.route_id = routes.id AND s.completed_at IS NOT NULL "
            + "ORDER BY s.completed_at DESC, s.seq DESC LIMIT 1) AS last_done_planned_departure, "
            + "(SELECT s.planned_arrival FROM stops s WHERE s.route_id = routes.id AND s.status IN ('PENDING', 'ARRIVED') "
            + "ORDER BY s.seq LIMIT 1) AS next_open_arrival";

    static final String ROUTE_COLUMNS = "id, service_date, plan_seq, vehicle_type, status, dsp_id, driver_id, van_id, "
            + "version, planned_start, planned_end, "
            + "distance_m, duration_s, load_packages, load_volume_liters, load_weight_kg, started_at, finished_at, "
            + "station_id, break_start, break_end, continues_route_id, " + PROGRESS_COLUMNS;

    private final DatabaseClient db;
    private final Clock clock;

    PlanReader(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Mono<PlanView> plan(String planId) {
        return db.sql("SELECT *, now() AS db_now FROM plans WHERE id = :id").bind("id", planId)
                .map(PlanReader::header).one()
                .switchIfEmpty(Mono.error(() -> new NotFound("plan", planId)))
                .flatMap(plan -> routes("plan_id = :plan", Map.of("plan", planId))
                        .map(routes -> withRoutes(plan, routes)));
    }

    /** Routes matching {@code where} with its parameters, each with its stops and packages, in plan order. */
    Mono<List<PlannedRoute>> routes(String where, Map<String, Object> parameters) {
        DatabaseClient.GenericExecuteSpec sql = db.sql("SELECT " + ROUTE_COLUMNS + " FROM routes WHERE " + where
                + " ORDER BY service_date, plan_seq, id");
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            sql = sql.bind(parameter.getKey(), parameter.getValue());
        }
        Instant now = clock.instant();
        return sql.map(row -> routeHeader(row, now)).all().collectList()
                .flatMap(this::withStops);
    }

    /** The DSP routes IN_PROGRESS now, each with its station's position, its progress and its stops in order. */
    Mono<List<RouteUnderway>> underway() {
        Instant now = clock.instant();
        return db.sql("""
                        SELECT routes.id, routes.dsp_id, routes.driver_id, routes.station_id, st.lat AS station_lat,
                        st.lon AS station_lon, routes.status, routes.planned_start, routes.planned_end,
                        routes.started_at, routes.finished_at,
                        """ + PROGRESS_COLUMNS + """
                         FROM routes
                        JOIN stations st ON st.id = routes.station_id
                        WHERE routes.status = 'IN_PROGRESS' AND routes.dsp_id IS NOT NULL ORDER BY routes.id""")
                .map(row -> new RouteUnderway(row.get("id", String.class), row.get("dsp_id", String.class),
                        row.get("driver_id", String.class), row.get("station_id", String.class),
                        new GeoPoint(row.get("station_lat", Double.class), row.get("station_lon", Double.class)),
                        row.get("started_at", OffsetDateTime.class), progress(row, now), List.of()))
                .all()
                .collectList()
                .flatMap(this::withStopsUnderway);
    }

    private Mono<List<RouteUnderway>> withStopsUnderway(List<RouteUnderway> routes) {
        if (routes.isEmpty()) {
            return Mono.just(routes);
        }
        String[] ids = routes.stream().map(RouteUnderway::id).toArray(String[]::new);
        return db.sql("""
                        SELECT route_id, id, seq, lat, lon, status FROM stops WHERE route_id = ANY(:ids::text[])
                        ORDER BY route_id, seq""")
                .bind("ids", ids)
                .map(row -> Map.entry(row.get("route_id", String.class), new RouteUnderway.Stop(
                        row.get("id", String.class), row.get("seq", Integer.class),
                        new GeoPoint(row.get("lat", Double.class), row.get("lon", Double.class)),
                        StopStatus.valueOf(row.get("status", String.class)))))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())))
                .map(stops -> routes.stream().map(r -> r.withStops(stops.getOrDefault(r.id(), List.of()))).toList());
    }

    private Mono<List<PlannedRoute>> withStops(List<PlannedRoute> routes) {
        if (routes.isEmpty()) {
            return Mono.just(routes);
        }
        String[] ids = routes.stream().map(PlannedRoute::id).toArray(String[]::new);
        return db.sql("""
                        SELECT s.id, s.route_id, s.seq, s.address, s.lat, s.lon, s.window_from, s.window_to,
                        s.planned_arrival, s.planned_departure, s.notes, s.status, s.kind,
                        array(SELECT tracking_id FROM stop_packages p WHERE p.stop_id = s.id ORDER BY tracking_id)
                        AS tracking_ids FROM stops s WHERE s.route_id = ANY(:ids::text[]) ORDER BY s.route_id, s.seq""")
                .bind("ids", ids)
                .map(row -> Map.entry(row.get("route_id", String.class), stop(row)))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())))
                .zipWith(packages(ids), (stops, packages) -> routes.stream()
                        .map(r -> r.withStops(stops.getOrDefault(r.id(), List.of()).stream()
                                .map(stop -> stop.withPackages(packages.getOrDefault(stop.id(), List.of())))
                                .toList()))
                        .toList());
    }

    /** The packages of the routes' stops with their details, by stop id, in tracking id order. */
    private Mono<Map<String, List<StopPackage>>> packages(String[] routeIds) {
        return db.sql("""
                        SELECT sp.stop_id, p.tracking_id, p.recipient_name, p.weight_kg, p.length_cm, p.width_cm,
                        p.height_cm, p.window_from, p.window_to, p.status, p.ops_note FROM stop_packages sp
                        JOIN stops s ON s.id = sp.stop_id JOIN packages p ON p.tracking_id = sp.tracking_id
                        WHERE s.route_id = ANY(:ids::text[]) ORDER BY sp.stop_id, p.tracking_id""")
                .bind("ids", routeIds)
                .map(row -> Map.entry(row.get("stop_id", String.class), new StopPackage(
                        row.get("tracking_id", String.class), row.get("recipient_name", String.class),
                        row.get("weight_kg", Double.class), row.get("length_cm", Double.class),
                        row.get("width_cm", Double.class), row.get("height_cm", Double.class),
                        new DeliveryWindow(row.get("window_from", OffsetDateTime.class),
                                row.get("window_to", OffsetDateTime.class)),
                        row.get("status", String.class), row.get("ops_note", String.class))))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    private static PlanView header(Readable row) {
        PlanStatus status = PlanStatus.valueOf(row.get("status", String.class));
        OffsetDateTime started = row.get("started_at", OffsetDateTime.class);
        int budget = row.get("budget_seconds", Integer.class);
        int progress = 100;
        if (status == PlanStatus.RUNNING && row.get("solver_node", String.class) == null) {
            progress = 0; // queued: no node has claimed it yet
        } else if (status == PlanStatus.RUNNING) {
            long elapsed = Duration.between(started, row.get("db_now", OffsetDateTime.class)).toMillis();
            progress = (int) Math.min(99, Math.max(0, elapsed / 10 / Math.max(1, budget)));
        }
        String[] unplanned = row.get("unplanned", String[].class);
        return new PlanView(row.get("id", String.class), row.get("station_id", String.class),
                row.get("service_date", LocalDate.class), status, progress, started,
                row.get("finished_at", OffsetDateTime.class), row.get("travel_source", String.class),
                row.get("failure", String.class), row.get("stop_count", Integer.class),
                row.get("package_count", Integer.class),
                unplanned == null ? List.of() : Arrays.asList(unplanned), List.of(),
                row.get("keeps_plan_id", String.class));
    }

    private static PlanView withRoutes(PlanView p, List<PlannedRoute> routes) {
        return new PlanView(p.id(), p.stationId(), p.date(), p.status(), p.progressPercent(), p.startedAt(),
                p.finishedAt(), p.travelTimes(), p.failure(), p.stopCount(), p.packageCount(), p.unplannedPackages(),
                new ArrayList<>(routes), p.keepRoutesOf());
    }

    private static PlannedRoute routeHeader(Readable row, Instant now) {
        return new PlannedRoute(row.get("id", String.class), row.get("service_date", LocalDate.class),
                row.get("plan_seq", Integer.class), row.get("vehicle_type", String.class),
                row.get("status", String.class), row.get("dsp_id", String.class), row.get("driver_id", String.class),
                row.get("van_id", String.class), row.get("version", Integer.class),
                row.get("planned_start", OffsetDateTime.class), row.get("planned_end", OffsetDateTime.class),
                row.get("distance_m", Double.class), row.get("duration_s", Double.class),
                new RouteLoad(row.get("load_packages", Integer.class), row.get("load_volume_liters", Double.class),
                        row.get("load_weight_kg", Double.class)),
                progress(row, now), row.get("station_id", String.class), row.get("break_start", OffsetDateTime.class),
                row.get("break_end", OffsetDateTime.class), row.get("continues_route_id", String.class));
    }

    static RouteProgress progress(Readable row, Instant now) {
        return RouteProgress.of(new RouteProgress.Facts(RouteStatus.valueOf(row.get("status", String.class)),
                row.get("planned_start", OffsetDateTime.class), row.get("planned_end", OffsetDateTime.class),
                row.get("started_at", OffsetDateTime.class), row.get("finished_at", OffsetDateTime.class),
                row.get("stops_done", Long.class).intValue(), row.get("stops_total", Long.class).intValue(),
                row.get("last_done_at", OffsetDateTime.class),
                row.get("last_done_planned_departure", OffsetDateTime.class),
                row.get("next_open_arrival", OffsetDateTime.class)), now);
    }

    private static PlannedStop stop(Readable row) {
        return new PlannedStop(row.get("id", String.class), row.get("seq", Integer.class),
                row.get("address", String.class), new GeoPoint(row.get("lat", Double.class), row.get("lon", Double.class)),
                new DeliveryWindow(row.get("window_from", OffsetDateTime.class), row.get("window_to", OffsetDateTime.class)),
                row.get("planned_arrival", OffsetDateTime.class), row.get("planned_departure", OffsetDateTime.class),
                Arrays.asList(row.get("tracking_ids", String[].class)), row.get("notes", String.class),
                row.get("status", String.class), row.get("kind", String.class), List.of());
    }
}
