package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.packages.PackageKind;
import dev.doorstep.dispatch.packages.PackageLedger.PackageOnStop;
import dev.doorstep.dispatch.packages.Packages;
import dev.doorstep.dispatch.sql.Columns;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Plans, their routes, stops and stop packages in PostgreSQL; each result is written in one transaction. */
@Component
class PlanStore {

    private final DatabaseClient db;
    private final Packages packages;
    private final TransactionalOperator transaction;

    PlanStore(DatabaseClient db, Packages packages, ReactiveTransactionManager transactions) {
        this.db = db;
        this.packages = packages;
        this.transaction = TransactionalOperator.create(transactions);
    }

    Mono<Void> insertRunning(String planId, String stationId, PlanRequest request) {
        return db.sql("""
                        INSERT INTO plans (id, station_id, service_date, status, budget_seconds,
                        service_seconds_per_stop, service_seconds_per_extra_package)
                        VALUES (:id, :station, :date, 'RUNNING', :budget, :perStop, :perExtra)""")
                .bind("id", planId).bind("station", stationId).bind("date", request.date())
                .bind("budget", request.timeBudgetSeconds()).bind("perStop", request.serviceSecondsPerStop())
                .bind("perExtra", request.serviceSecondsPerExtraPackage())
                .then();
    }

    /**
     * Packages of the station still waiting for a route whose window overlaps [from, to): deliveries and pickups.
     * A pickup's item counts against the van's capacity for the whole route (as if loaded at the start): simple,
     * and never over capacity, though it may leave a van emptier than it could be.
     */
    Mono<List<DuePackage>> due(String stationId, Instant from, Instant to) {
        return packages.waitingForRoute(stationId, from, to)
                .map(waiting -> waiting.stream().map(p -> new DuePackage(p.trackingId(), p.address(),
                        p.location().lat(), p.location().lon(), p.windowFrom(), p.windowTo(), p.weightKg(), p.liters(),
                        p.kind() == PackageKind.PICKUP)).toList());
    }

    Mono<Void> saveResult(String planId, String stationId, LocalDate date, DayProblem day, VrpSolution solution) {
        Rows rows = new Rows();
        int seq = 0;
        for (VrpRoute route : solution.routes()) {
            rows.route(planId, seq++, route, day);
        }
        List<String> unplanned = new ArrayList<>();
        for (String visitId : solution.unassigned()) {
            day.stop(visitId).packages().forEach(p -> unplanned.add(p.trackingId()));
        }
        int packageCount = day.stops().stream().mapToInt(s -> s.packages().size()).sum();
        return insertRoutes(stationId, date, rows.routes)
                .then(insertStops(rows.stops))
                .then(insertStopPackages(rows.stopPackages))
                .then(db.sql("""
                                UPDATE plans SET status = 'READY', finished_at = now(), travel_source = :source,
                                    stop_count = :stops, package_count = :packages, unplanned = :unplanned::text[],
                                    version = version + 1
                                WHERE id = :id AND status = 'RUNNING'""")
                        .bind("source", solution.travelSource()).bind("stops", day.stops().size())
                        .bind("packages", packageCount).bind("unplanned", unplanned.toArray(String[]::new))
                        .bind("id", planId).then())
                .as(transaction::transactional);
    }

    Mono<Void> markFailed(String planId, String failure) {
        return db.sql("""
                        UPDATE plans SET status = 'FAILED', finished_at = now(), failure = :failure,
                            version = version + 1
                        WHERE id = :id AND status = 'RUNNING'""")
                .bind("failure", failure).bind("id", planId).then();
    }

    private Mono<Void> insertRoutes(String stationId, LocalDate date, List<RouteRow> routes) {
        if (routes.isEmpty()) {
            return Mono.empty();
        }
        Columns<RouteRow> rows = Columns.of(routes);
        return db.sql("""
                        INSERT INTO routes (id, station_id, plan_id, service_date, plan_seq, vehicle_type,
                            planned_start, planned_end, distance_m, duration_s, load_packages, load_volume_liters,
                            load_weight_kg, shift_end)
                        SELECT t.id, :station, t.plan, :date, t.seq, t.type, t.ps, t.pe, t.dist, t.dur, t.lp, t.lv,
                            t.lw, t.se
                        FROM unnest(:ids::text[], :plans::text[], :seqs::int[], :types::text[], :starts::timestamptz[],
                            :ends::timestamptz[], :dists::float8[], :durs::float8[], :lps::int[], :lvs::float8[],
                            :lws::float8[], :shiftEnds::timestamptz[])
                            AS t(id, plan, seq, type, ps, pe, dist, dur, lp, lv, lw, se)""")
                .bind("station", stationId).bind("date", date)
                .bind("ids", rows.column(RouteRow::id, String[]::new))
                .bind("plans", rows.column(RouteRow::planId, String[]::new))
                .bind("seqs", rows.column(RouteRow::seq, Integer[]::new))
                .bind("types", rows.column(RouteRow::vehicleType, String[]::new))
                .bind("starts", rows.column(RouteRow::plannedStart, OffsetDateTime[]::new))
                .bind("ends", rows.column(RouteRow::plannedEnd, OffsetDateTime[]::new))
                .bind("dists", rows.column(RouteRow::meters, Double[]::new))
                .bind("durs", rows.column(RouteRow::seconds, Double[]::new))
                .bind("lps", rows.column(RouteRow::loadPackages, Integer[]::new))
                .bind("lvs", rows.column(RouteRow::loadLiters, Double[]::new))
                .bind("lws", rows.column(RouteRow::loadKg, Double[]::new))
                .bind("shiftEnds", rows.column(RouteRow::shiftEnd, OffsetDateTime[]::new))
                .then();
    }

    private Mono<Void> insertStops(List<StopRow> stops) {
        if (stops.isEmpty()) {
            return Mono.empty();
        }
        Columns<StopRow> rows = Columns.of(stops);
        return db.sql("""
                        INSERT INTO stops (id, route_id, seq, kind, address, lat, lon, window_from, window_to,
                            planned_arrival, planned_departure)
                        SELECT * FROM unnest(:ids::text[], :routes::text[], :seqs::int[], :kinds::text[],
                            :addresses::text[], :lats::float8[], :lons::float8[], :froms::timestamptz[],
                            :tos::timestamptz[], :arrivals::timestamptz[], :departures::timestamptz[])""")
                .bind("ids", rows.column(StopRow::id, String[]::new))
                .bind("routes", rows.column(StopRow::routeId, String[]::new))
                .bind("seqs", rows.column(StopRow::seq, Integer[]::new))
                .bind("kinds", rows.column(StopRow::kind, String[]::new))
                .bind("addresses", rows.column(StopRow::address, String[]::new))
                .bind("lats", rows.column(StopRow::lat, Double[]::new))
                .bind("lons", rows.column(StopRow::lon, Double[]::new))
                .bind("froms", rows.column(StopRow::windowFrom, OffsetDateTime[]::new))
                .bind("tos", rows.column(StopRow::windowTo, OffsetDateTime[]::new))
                .bind("arrivals", rows.column(StopRow::arrival, OffsetDateTime[]::new))
                .bind("departures", rows.column(StopRow::departure, OffsetDateTime[]::new))
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

    private static PackageKind kindOf(StopDraft stop) {
        return stop.pickup() ? PackageKind.PICKUP : PackageKind.DELIVERY;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record RouteRow(String id, String planId, int seq, String vehicleType, OffsetDateTime plannedStart,
            OffsetDateTime plannedEnd, double meters, double seconds, int loadPackages, double loadLiters,
            double loadKg, OffsetDateTime shiftEnd) {
    }

    private record StopRow(String id, String routeId, int seq, String kind, String address, double lat, double lon,
            OffsetDateTime windowFrom, OffsetDateTime windowTo, OffsetDateTime arrival, OffsetDateTime departure) {
    }

    /** The rows of one plan result: its routes, their stops and which packages each stop serves. */
    private static final class Rows {
        final List<RouteRow> routes = new ArrayList<>();
        final List<StopRow> stops = new ArrayList<>();
        final List<PackageOnStop> stopPackages = new ArrayList<>();

        void route(String planId, int seq, VrpRoute route, DayProblem day) {
            String routeId = Ids.next("rt");
            int packages = 0;
            double liters = 0;
            double kg = 0;
            int stopSeq = 0;
            for (VrpStop planned : route.stops()) {
                StopDraft stop = day.stop(planned.visitId());
                String stopId = Ids.next("sp");
                stops.add(new StopRow(stopId, routeId, stopSeq++, kindOf(stop).name(),
                        stop.address(), stop.lat(), stop.lon(), utc(stop.windowFrom()),
                        utc(stop.windowTo()), utc(day.at(planned.arrival())), utc(day.at(planned.departure()))));
                stop.packages().forEach(p -> stopPackages.add(new PackageOnStop(p.trackingId(), stopId)));
                packages += stop.packages().size();
                liters += stop.volumeLiters();
                kg += stop.weightKg();
            }
            OffsetDateTime shiftEnd = day.vrp().kinds().stream().filter(kind -> kind.id().equals(route.kindId()))
                    .findFirst().map(kind -> utc(day.at(kind.shiftEnd()))).orElse(null);
            routes.add(new RouteRow(routeId, planId, seq, route.kindId(), utc(day.at(route.start())),
                    utc(day.at(route.end())), route.meters(), route.end() - route.start(), packages, liters, kg,
                    shiftEnd));
        }
    }
}
