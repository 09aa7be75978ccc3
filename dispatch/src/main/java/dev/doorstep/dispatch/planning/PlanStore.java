package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.ids.Ids;
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
    private final TransactionalOperator transaction;

    PlanStore(DatabaseClient db, ReactiveTransactionManager transactions) {
        this.db = db;
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
        return db.sql("""
                        SELECT tracking_id, kind, address, lat, lon, window_from, window_to, weight_kg,
                        length_cm * width_cm * height_cm / 1000.0 AS liters FROM packages
                        WHERE station_id = :station AND status IN ('MANIFESTED', 'AT_STATION')
                        AND window_from < :to AND window_to > :from ORDER BY tracking_id""")
                .bind("station", stationId).bind("from", utc(from)).bind("to", utc(to))
                .map(row -> new DuePackage(row.get("tracking_id", String.class), row.get("address", String.class),
                        row.get("lat", Double.class), row.get("lon", Double.class),
                        row.get("window_from", OffsetDateTime.class).toInstant(),
                        row.get("window_to", OffsetDateTime.class).toInstant(),
                        row.get("weight_kg", Double.class), row.get("liters", Double.class),
                        "PICKUP".equals(row.get("kind", String.class))))
                .all()
                .collectList();
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
        return insertRoutes(stationId, date, rows)
                .then(insertStops(rows))
                .then(db.sql("""
                                INSERT INTO stop_packages (stop_id, tracking_id)
                                SELECT * FROM unnest(:stops::text[], :ids::text[])""")
                        .bind("stops", rows.packageStops.toArray(String[]::new))
                        .bind("ids", rows.packageIds.toArray(String[]::new)).then())
                .then(db.sql("""
                                UPDATE plans SET status = 'READY', finished_at = now(), travel_source = :source,
                                stop_count = :stops, package_count = :packages, unplanned = :unplanned::text[],
                                version = version + 1 WHERE id = :id AND status = 'RUNNING'""")
                        .bind("source", solution.travelSource()).bind("stops", day.stops().size())
                        .bind("packages", packageCount).bind("unplanned", unplanned.toArray(String[]::new))
                        .bind("id", planId).then())
                .as(transaction::transactional);
    }

    Mono<Void> markFailed(String planId, String failure) {
        return db.sql("""
                        UPDATE plans SET status = 'FAILED', finished_at = now(), failure = :failure,
                        version = version + 1 WHERE id = :id AND status = 'RUNNING'""")
                .bind("failure", failure).bind("id", planId).then();
    }

    private Mono<Void> insertRoutes(String stationId, LocalDate date, Rows rows) {
        if (rows.routeIds.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO routes (id, station_id, plan_id, service_date, plan_seq, vehicle_type,
                        planned_start, planned_end, distance_m, duration_s, load_packages, load_volume_liters,
                        load_weight_kg, shift_end) SELECT t.id, :station, t.plan, :date, t.seq, t.type, t.ps, t.pe,
                        t.dist, t.dur, t.lp, t.lv, t.lw, t.se FROM unnest(:ids::text[], :plans::text[], :seqs::int[],
                        :types::text[], :starts::timestamptz[], :ends::timestamptz[], :dists::float8[],
                        :durs::float8[], :lps::int[], :lvs::float8[], :lws::float8[], :shiftEnds::timestamptz[])
                        AS t(id, plan, seq, type, ps, pe, dist, dur, lp, lv, lw, se)""")
                .bind("station", stationId).bind("date", date)
                .bind("ids", rows.routeIds.toArray(String[]::new))
                .bind("plans", rows.routePlans.toArray(String[]::new))
                .bind("seqs", rows.routeSeqs.toArray(Integer[]::new))
                .bind("types", rows.routeTypes.toArray(String[]::new))
                .bind("starts", rows.routeStarts.toArray(OffsetDateTime[]::new))
                .bind("ends", rows.routeEnds.toArray(OffsetDateTime[]::new))
                .bind("dists", rows.routeMeters.toArray(Double[]::new))
                .bind("durs", rows.routeSeconds.toArray(Double[]::new))
                .bind("lps", rows.loadPackages.toArray(Integer[]::new))
                .bind("lvs", rows.loadLiters.toArray(Double[]::new))
                .bind("lws", rows.loadKg.toArray(Double[]::new))
                .bind("shiftEnds", rows.shiftEnds.toArray(OffsetDateTime[]::new))
                .then();
    }

    private Mono<Void> insertStops(Rows rows) {
        if (rows.stopIds.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO stops (id, route_id, seq, kind, address, lat, lon, window_from,
                        window_to, planned_arrival, planned_departure) SELECT * FROM unnest(:ids::text[],
                        :routes::text[], :seqs::int[], :kinds::text[], :addresses::text[], :lats::float8[], :lons::float8[], :froms::timestamptz[],
                        :tos::timestamptz[], :arrivals::timestamptz[], :departures::timestamptz[])""")
                .bind("ids", rows.stopIds.toArray(String[]::new))
                .bind("routes", rows.stopRoutes.toArray(String[]::new))
                .bind("seqs", rows.stopSeqs.toArray(Integer[]::new))
                .bind("kinds", rows.stopKinds.toArray(String[]::new))
                .bind("addresses", rows.stopAddresses.toArray(String[]::new))
                .bind("lats", rows.stopLats.toArray(Double[]::new))
                .bind("lons", rows.stopLons.toArray(Double[]::new))
                .bind("froms", rows.stopFroms.toArray(OffsetDateTime[]::new))
                .bind("tos", rows.stopTos.toArray(OffsetDateTime[]::new))
                .bind("arrivals", rows.stopArrivals.toArray(OffsetDateTime[]::new))
                .bind("departures", rows.stopDepartures.toArray(OffsetDateTime[]::new))
                .then();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Column arrays for the unnest inserts. */
    private static final class Rows {
        final List<String> routeIds = new ArrayList<>();
        final List<String> routePlans = new ArrayList<>();
        final List<Integer> routeSeqs = new ArrayList<>();
        final List<String> routeTypes = new ArrayList<>();
        final List<OffsetDateTime> routeStarts = new ArrayList<>();
        final List<OffsetDateTime> routeEnds = new ArrayList<>();
        final List<Double> routeMeters = new ArrayList<>();
        final List<Double> routeSeconds = new ArrayList<>();
        final List<Integer> loadPackages = new ArrayList<>();
        final List<Double> loadLiters = new ArrayList<>();
        final List<Double> loadKg = new ArrayList<>();
        final List<OffsetDateTime> shiftEnds = new ArrayList<>();
        final List<String> stopIds = new ArrayList<>();
        final List<String> stopRoutes = new ArrayList<>();
        final List<Integer> stopSeqs = new ArrayList<>();
        final List<String> stopKinds = new ArrayList<>();
        final List<String> stopAddresses = new ArrayList<>();
        final List<Double> stopLats = new ArrayList<>();
        final List<Double> stopLons = new ArrayList<>();
        final List<OffsetDateTime> stopFroms = new ArrayList<>();
        final List<OffsetDateTime> stopTos = new ArrayList<>();
        final List<OffsetDateTime> stopArrivals = new ArrayList<>();
        final List<OffsetDateTime> stopDepartures = new ArrayList<>();
        final List<String> packageStops = new ArrayList<>();
        final List<String> packageIds = new ArrayList<>();

        void route(String planId, int seq, VrpRoute route, DayProblem day) {
            String routeId = Ids.next("rt");
            int packages = 0;
            double liters = 0;
            double kg = 0;
            int stopSeq = 0;
            for (VrpStop planned : route.stops()) {
                StopDraft stop = day.stop(planned.visitId());
                String stopId = Ids.next("sp");
                stopIds.add(stopId);
                stopRoutes.add(routeId);
                stopSeqs.add(stopSeq++);
                stopKinds.add(stop.pickup() ? "PICKUP" : "DELIVERY");
                stopAddresses.add(stop.address());
                stopLats.add(stop.lat());
                stopLons.add(stop.lon());
                stopFroms.add(utc(stop.windowFrom()));
                stopTos.add(utc(stop.windowTo()));
                stopArrivals.add(utc(day.at(planned.arrival())));
                stopDepartures.add(utc(day.at(planned.departure())));
                for (DuePackage p : stop.packages()) {
                    packageStops.add(stopId);
                    packageIds.add(p.trackingId());
                }
                packages += stop.packages().size();
                liters += stop.volumeLiters();
                kg += stop.weightKg();
            }
            routeIds.add(routeId);
            routePlans.add(planId);
            routeSeqs.add(seq);
            routeTypes.add(route.kindId());
            routeStarts.add(utc(day.at(route.start())));
            routeEnds.add(utc(day.at(route.end())));
            routeMeters.add(route.meters());
            routeSeconds.add(route.end() - route.start());
            loadPackages.add(packages);
            loadLiters.add(liters);
            loadKg.add(kg);
            day.vrp().kinds().stream().filter(kind -> kind.id().equals(route.kindId())).findFirst()
                    .ifPresentOrElse(kind -> shiftEnds.add(utc(day.at(kind.shiftEnd()))), () -> shiftEnds.add(null));
        }
    }
}
