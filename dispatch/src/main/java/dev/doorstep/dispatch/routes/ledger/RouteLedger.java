package dev.doorstep.dispatch.routes.ledger;

import dev.doorstep.dispatch.packages.PackageLedger.PackageOnStop;
import dev.doorstep.dispatch.packages.PackageStatus;
import dev.doorstep.dispatch.sql.Columns;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every write to routes, stops and stop_packages, by name. Each runs in the caller's transaction; a conditional
 * update answers how many rows it changed, and the caller decides what a miss means (conflict, invalid input).
 */
@Component
public class RouteLedger {

    private final DatabaseClient db;

    RouteLedger(DatabaseClient db) {
        this.db = db;
    }

    /** A route of a plan result. */
    public record NewRoute(String id, String planId, int seq, String vehicleType, OffsetDateTime plannedStart,
            OffsetDateTime plannedEnd, double meters, double seconds, int loadPackages, double loadLiters,
            double loadKg, OffsetDateTime shiftEnd, OffsetDateTime breakStart, OffsetDateTime breakEnd,
            String continuesRouteId) {
    }

    /** A stop of a plan result, with its kind and planned times. */
    public record NewStop(String id, String routeId, int seq, String kind, String address, double lat, double lon,
            OffsetDateTime windowFrom, OffsetDateTime windowTo, OffsetDateTime arrival, OffsetDateTime departure) {
    }

    /** A route handed to a DSP at publication. */
    public record RouteToDsp(String routeId, String dspId) {
    }

    /** A stop a route change adds, at its place in the new order. */
    public record AddedStop(String id, String routeId, int seq, String address, double lat, double lon,
            OffsetDateTime from, OffsetDateTime to) {
    }

    /** A pending stop's new place in the order, window and planned times. */
    public record StopOrder(String id, int seq, OffsetDateTime from, OffsetDateTime to, OffsetDateTime arrival,
            OffsetDateTime departure) {
    }

    /** A DSP route still without a driver, just marked reported. */
    public record UnassignedRoute(String routeId, String dspId, String stationId, LocalDate date,
            OffsetDateTime plannedStart) {
    }

    /** A route change's new end, length and load: {@code sign} +1 when a package joins, -1 when it leaves. */
    public record LoadChange(OffsetDateTime end, double meters, int sign, double liters, double kg) {
    }

    // Planning

    /** Inserts a plan result: its routes, their stops and which packages each stop serves. */
    public Mono<Void> insertPlanned(String stationId, LocalDate date, List<NewRoute> routes, List<NewStop> stops,
            List<PackageOnStop> stopPackages) {
        return insertRoutes(stationId, date, routes)
                .then(insertStops(stops))
                .then(insertStopPackages(stopPackages));
    }

    private Mono<Void> insertRoutes(String stationId, LocalDate date, List<NewRoute> routes) {
        if (routes.isEmpty()) {
            return Mono.empty();
        }
        Columns<NewRoute> rows = Columns.of(routes);
        return db.sql("""
                        INSERT INTO routes (id, station_id, plan_id, service_date, plan_seq, vehicle_type,
                            planned_start, planned_end, distance_m, duration_s, load_packages, load_volume_liters,
                            load_weight_kg, shift_end, break_start, break_end, continues_route_id)
                        SELECT t.id, :station, t.plan, :date, t.seq, t.type, t.ps, t.pe, t.dist, t.dur, t.lp, t.lv,
                            t.lw, t.se, t.bs, t.be, t.cont
                        FROM unnest(:ids::text[], :plans::text[], :seqs::int[], :types::text[], :starts::timestamptz[],
                            :ends::timestamptz[], :dists::float8[], :durs::float8[], :lps::int[], :lvs::float8[],
                            :lws::float8[], :shiftEnds::timestamptz[], :breakStarts::timestamptz[],
                            :breakEnds::timestamptz[], :continues::text[])
                            AS t(id, plan, seq, type, ps, pe, dist, dur, lp, lv, lw, se, bs, be, cont)""")
                .bind("station", stationId).bind("date", date)
                .bind("ids", rows.column(NewRoute::id, String[]::new))
                .bind("plans", rows.column(NewRoute::planId, String[]::new))
                .bind("seqs", rows.column(NewRoute::seq, Integer[]::new))
                .bind("types", rows.column(NewRoute::vehicleType, String[]::new))
                .bind("starts", rows.column(NewRoute::plannedStart, OffsetDateTime[]::new))
                .bind("ends", rows.column(NewRoute::plannedEnd, OffsetDateTime[]::new))
                .bind("dists", rows.column(NewRoute::meters, Double[]::new))
                .bind("durs", rows.column(NewRoute::seconds, Double[]::new))
                .bind("lps", rows.column(NewRoute::loadPackages, Integer[]::new))
                .bind("lvs", rows.column(NewRoute::loadLiters, Double[]::new))
                .bind("lws", rows.column(NewRoute::loadKg, Double[]::new))
                .bind("shiftEnds", rows.column(NewRoute::shiftEnd, OffsetDateTime[]::new))
                .bind("breakStarts", rows.column(NewRoute::breakStart, OffsetDateTime[]::new))
                .bind("breakEnds", rows.column(NewRoute::breakEnd, OffsetDateTime[]::new))
                .bind("continues", rows.column(NewRoute::continuesRouteId, String[]::new))
                .then();
    }

    private Mono<Void> insertStops(List<NewStop> stops) {
        if (stops.isEmpty()) {
            return Mono.empty();
        }
        Columns<NewStop> rows = Columns.of(stops);
        return db.sql("""
                        INSERT INTO stops (id, route_id, seq, kind, address, lat, lon, window_from, window_to,
                            planned_arrival, planned_departure)
                        SELECT * FROM unnest(:ids::text[], :routes::text[], :seqs::int[], :kinds::text[],
                            :addresses::text[], :lats::float8[], :lons::float8[], :froms::timestamptz[],
                            :tos::timestamptz[], :arrivals::timestamptz[], :departures::timestamptz[])""")
                .bind("ids", rows.column(NewStop::id, String[]::new))
                .bind("routes", rows.column(NewStop::routeId, String[]::new))
                .bind("seqs", rows.column(NewStop::seq, Integer[]::new))
                .bind("kinds", rows.column(NewStop::kind, String[]::new))
                .bind("addresses", rows.column(NewStop::address, String[]::new))
                .bind("lats", rows.column(NewStop::lat, Double[]::new))
                .bind("lons", rows.column(NewStop::lon, Double[]::new))
                .bind("froms", rows.column(NewStop::windowFrom, OffsetDateTime[]::new))
                .bind("tos", rows.column(NewStop::windowTo, OffsetDateTime[]::new))
                .bind("arrivals", rows.column(NewStop::arrival, OffsetDateTime[]::new))
                .bind("departures", rows.column(NewStop::departure, OffsetDateTime[]::new))
                .then();
    }

    private Mono<Void> insertStopPackages(List<PackageOnStop> packages) {
        Columns<PackageOnStop> rows = Columns.of(packages);
        return db.sql("""
                        INSERT INTO stop_packages (stop_id, tracking_id)
                        SELECT * FROM unnest(:stops::text[], :ids::text[])""")
                .bind("stops", rows.column(PackageOnStop::stopId, String[]::new))
                .bind("ids", rows.column(PackageOnStop::trackingId, String[]::new))
                .then();
    }

    /** Gives each route its DSP, in one statement. */
    public Mono<Void> handOut(List<RouteToDsp> handedOut) {
        if (handedOut.isEmpty()) {
            return Mono.empty();
        }
        Columns<RouteToDsp> rows = Columns.of(handedOut);
        return db.sql("""
                        UPDATE routes r SET dsp_id = t.dsp, version = r.version + 1
                        FROM unnest(:ids::text[], :dsps::text[]) AS t(id, dsp)
                        WHERE r.id = t.id""")
                .bind("ids", rows.column(RouteToDsp::routeId, String[]::new))
                .bind("dsps", rows.column(RouteToDsp::dspId, String[]::new))
                .then();
    }

    // Re-plans

    /** A re-plan's route and the published route it continues. */
    public record Continued(String draftId, String publishedId) {
    }

    /**
     * The published route takes the re-plan's route's vehicle type, times, length, load, break, plan and place in
     * it, keeping its id, DSP, driver and van; only while it has not started (and carries no Flex block). Answers how many routes
     * changed (fewer than asked: one started or went meanwhile).
     */
    public Mono<Long> takeOver(List<Continued> continued) {
        if (continued.isEmpty()) {
            return Mono.just(0L);
        }
        Columns<Continued> rows = Columns.of(continued);
        return db.sql("""
                        UPDATE routes p SET vehicle_type = d.vehicle_type, planned_start = d.planned_start,
                            planned_end = d.planned_end, distance_m = d.distance_m, duration_s = d.duration_s,
                            load_packages = d.load_packages, load_volume_liters = d.load_volume_liters,
                            load_weight_kg = d.load_weight_kg, shift_end = d.shift_end, break_start = d.break_start,
                            break_end = d.break_end, plan_id = d.plan_id, plan_seq = d.plan_seq,
                            version = p.version + 1
                        FROM unnest(:drafts::text[], :published::text[]) AS t(draft, published)
                        JOIN routes d ON d.id = t.draft
                        WHERE p.id = t.published AND d.continues_route_id = p.id
                            AND p.status IN ('PLANNED', 'ASSIGNED') AND p.block_id IS NULL""")
                .bind("drafts", rows.column(Continued::draftId, String[]::new))
                .bind("published", rows.column(Continued::publishedId, String[]::new))
                .fetch().rowsUpdated();
    }

    /**
     * The published routes' pending stops (their packages moved away before) give way to the re-plan's routes'
     * stops, which move over with their ids; the re-plan's routes go.
     */
    public Mono<Void> replaceStops(List<Continued> continued) {
        if (continued.isEmpty()) {
            return Mono.empty();
        }
        Columns<Continued> rows = Columns.of(continued);
        String[] published = rows.column(Continued::publishedId, String[]::new);
        String[] drafts = rows.column(Continued::draftId, String[]::new);
        return deferStopSequence()
                .then(db.sql("""
                                DELETE FROM stop_packages WHERE stop_id IN (
                                    SELECT id FROM stops WHERE route_id = ANY(:published::text[]))""")
                        .bind("published", published).then())
                .then(db.sql("DELETE FROM stops WHERE route_id = ANY(:published::text[]) AND status = 'PENDING'")
                        .bind("published", published).then())
                .then(db.sql("""
                                UPDATE stops s SET route_id = t.published, version = s.version + 1
                                FROM unnest(:drafts::text[], :published::text[]) AS t(draft, published)
                                WHERE s.route_id = t.draft""")
                        .bind("drafts", drafts).bind("published", published).then())
                .then(db.sql("DELETE FROM routes WHERE id = ANY(:drafts::text[])").bind("drafts", drafts).then());
    }

    /**
     * The routes of plan {@code planId} not yet started (and carrying no Flex block) that a re-plan did not continue
     * are CANCELLED, their pending stops gone (their packages moved away before); answers their ids.
     */
    public Mono<List<String>> cancelNotContinued(String planId) {
        return db.sql("""
                        WITH cancelled AS (
                            UPDATE routes SET status = 'CANCELLED', version = version + 1
                            WHERE plan_id = :plan AND status IN ('PLANNED', 'ASSIGNED') AND block_id IS NULL RETURNING id),
                        links AS (
                            DELETE FROM stop_packages WHERE stop_id IN (
                                SELECT s.id FROM stops s JOIN cancelled c ON c.id = s.route_id)),
                        gone AS (
                            DELETE FROM stops WHERE route_id IN (SELECT id FROM cancelled) AND status = 'PENDING')
                        SELECT id FROM cancelled ORDER BY id""")
                .bind("plan", planId)
                .map(row -> row.get("id", String.class))
                .all()
                .collectList();
    }

    // Flex blocks

    /** The block carries the route if it is an unassigned PLANNED route of the station; answers 1, else 0. */
    public Mono<Long> attachBlock(String blockId, String stationId, String routeId) {
        return db.sql("""
                        UPDATE routes SET block_id = :block, version = version + 1
                        WHERE id = :route AND station_id = :station AND block_id IS NULL AND dsp_id IS NULL
                        AND driver_id IS NULL AND status = 'PLANNED'""")
                .bind("block", blockId)
                .bind("route", routeId)
                .bind("station", stationId)
                .fetch().rowsUpdated();
    }

    /** The block's route goes back to the station, PLANNED and without a driver; emits its id, if it had one. */
    public Mono<String> releaseBlock(String blockId) {
        return db.sql("""
                        UPDATE routes SET block_id = NULL, driver_id = NULL, status = 'PLANNED',
                        version = version + 1 WHERE block_id = :block RETURNING id""")
                .bind("block", blockId)
                .map(row -> row.get("id", String.class))
                .all()
                .collectList()
                .flatMap(ids -> ids.isEmpty() ? Mono.empty() : Mono.just(ids.get(0)));
    }

    /** At check-in the block's PLANNED route becomes the driver's. */
    public Mono<Void> checkIn(String blockId, String driverId) {
        return db.sql("""
                        UPDATE routes SET driver_id = :driver, status = 'ASSIGNED',
                        version = version + 1
                        WHERE block_id = :id AND status = 'PLANNED'""")
                .bind("driver", driverId).bind("id", blockId).then();
    }

    // Running a route; each update is conditional on the version read, and answers how many rows it changed.

    public Mono<Long> assign(String routeId, int version, String driverId, String vanId) {
        return db.sql("""
                        UPDATE routes SET driver_id = :driver, van_id = :van, status = 'ASSIGNED',
                        version = version + 1 WHERE id = :id AND version = :version""")
                .bind("driver", driverId).bind("van", vanId)
                .bind("id", routeId).bind("version", version)
                .fetch().rowsUpdated();
    }

    public Mono<Long> start(String routeId, int version) {
        return moved(routeId, version, """
                UPDATE routes SET status = 'IN_PROGRESS', started_at = now(), version = version + 1
                WHERE id = :id AND version = :version""");
    }

    public Mono<Long> finish(String routeId, int version) {
        return moved(routeId, version, """
                UPDATE routes SET status = 'FINISHED', finished_at = now(), version = version + 1
                WHERE id = :id AND version = :version""");
    }

    public Mono<Long> arrive(String stopId, int version) {
        return moved(stopId, version, """
                UPDATE stops SET status = 'ARRIVED', arrived_at = now(), version = version + 1
                WHERE id = :id AND version = :version""");
    }

    private Mono<Long> moved(String id, int version, String update) {
        return db.sql(update).bind("id", id).bind("version", version).fetch().rowsUpdated();
    }

    /** The stop is done once none of its packages is still out for delivery. */
    public Mono<Void> completeStop(String stopId) {
        return db.sql("""
                        UPDATE stops SET status = 'COMPLETED', completed_at = now(), version = version + 1
                        WHERE id = :id AND status <> 'COMPLETED'
                            AND NOT EXISTS (SELECT 1 FROM packages WHERE stop_id = :id AND status = :out)""")
                .bind("id", stopId).bind("out", PackageStatus.OUT_FOR_DELIVERY.name())
                .then();
    }

    /**
     * Marks the DSP routes still PLANNED that start by {@code limit} and were not reported yet as reported at
     * {@code now}; emits them (the conditional update lets only one node report a route).
     */
    public Mono<List<UnassignedRoute>> reportUnassigned(Instant now, Instant limit) {
        return db.sql("""
                        UPDATE routes SET unassigned_reported_at = :now WHERE status = 'PLANNED' AND dsp_id IS NOT NULL
                        AND unassigned_reported_at IS NULL AND planned_start <= :limit
                        RETURNING id, dsp_id, station_id, service_date, planned_start""")
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("limit", limit.atOffset(ZoneOffset.UTC))
                .map(row -> new UnassignedRoute(row.get("id", String.class), row.get("dsp_id", String.class),
                        row.get("station_id", String.class), row.get("service_date", LocalDate.class),
                        row.get("planned_start", OffsetDateTime.class)))
                .all()
                // Drain the update's rows before the next statement on the same connection.
                .collectList();
    }

    // Route changes (re-sequencing)

    /** The route's new end, length and load, conditional on the version read. */
    public Mono<Long> changeLoad(String routeId, int version, LoadChange change) {
        return db.sql("""
                        UPDATE routes SET planned_end = :end, distance_m = :meters,
                            duration_s = GREATEST(0, EXTRACT(EPOCH FROM (:end - planned_start))),
                            load_packages = load_packages + :sign,
                            load_volume_liters = GREATEST(0, load_volume_liters + :sign * :liters),
                            load_weight_kg = GREATEST(0, load_weight_kg + :sign * :kg), version = version + 1
                        WHERE id = :id AND version = :version""")
                .bind("end", change.end()).bind("meters", change.meters())
                .bind("sign", change.sign()).bind("liters", change.liters())
                .bind("kg", change.kg()).bind("id", routeId).bind("version", version)
                .fetch().rowsUpdated();
    }

    /** Until the transaction ends, stops may share a sequence number while they are renumbered. */
    public Mono<Void> deferStopSequence() {
        return db.sql("SET CONSTRAINTS stops_sequence_unique DEFERRED").then();
    }

    public Mono<Void> addStop(AddedStop stop) {
        return db.sql("""
                        INSERT INTO stops (id, route_id, seq, address, lat, lon, window_from, window_to)
                        VALUES (:id, :route, :seq, :address, :lat, :lon, :from, :to)""")
                .bind("id", stop.id()).bind("route", stop.routeId()).bind("seq", stop.seq())
                .bind("address", stop.address()).bind("lat", stop.lat()).bind("lon", stop.lon())
                .bind("from", stop.from()).bind("to", stop.to())
                .then();
    }

    public Mono<Void> addToStop(String stopId, String trackingId) {
        return db.sql("INSERT INTO stop_packages (stop_id, tracking_id) VALUES (:stop, :id)")
                .bind("stop", stopId).bind("id", trackingId)
                .then();
    }

    public Mono<Void> takeOffStop(String stopId, String trackingId) {
        return db.sql("DELETE FROM stop_packages WHERE stop_id = :stop AND tracking_id = :id")
                .bind("stop", stopId).bind("id", trackingId)
                .then();
    }

    /** Deletes the stop if it is still PENDING; answers 1, else 0. */
    public Mono<Long> dropStop(String stopId) {
        return db.sql("DELETE FROM stops WHERE id = :id AND status = 'PENDING'")
                .bind("id", stopId)
                .fetch().rowsUpdated();
    }

    /** The route's PENDING stops take their new order, windows and planned times, in one statement. */
    public Mono<Long> reorder(String routeId, List<StopOrder> orders) {
        Columns<StopOrder> rows = Columns.of(orders);
        return db.sql("""
                        UPDATE stops s SET seq = t.seq, window_from = t.wf, window_to = t.wt, planned_arrival = t.pa,
                            planned_departure = t.pd, version = s.version + 1
                        FROM unnest(:ids::text[], :seqs::int[], :froms::timestamptz[], :tos::timestamptz[],
                            :arrivals::timestamptz[], :departures::timestamptz[]) AS t(id, seq, wf, wt, pa, pd)
                        WHERE s.id = t.id AND s.route_id = :route AND s.status = 'PENDING'""")
                .bind("ids", rows.column(StopOrder::id, String[]::new))
                .bind("seqs", rows.column(StopOrder::seq, Integer[]::new))
                .bind("froms", rows.column(StopOrder::from, OffsetDateTime[]::new))
                .bind("tos", rows.column(StopOrder::to, OffsetDateTime[]::new))
                .bind("arrivals", rows.column(StopOrder::arrival, OffsetDateTime[]::new))
                .bind("departures", rows.column(StopOrder::departure, OffsetDateTime[]::new))
                .bind("route", routeId)
                .fetch().rowsUpdated();
    }
}
