package dev.doorstep.dispatch.packages;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.sql.Binds;
import dev.doorstep.dispatch.sql.Columns;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The package state machine's only writer: every change of {@code packages.status} bumps {@code packages.version}
 * and adds its {@code package_events} entry in the same statement, and only from the statuses its
 * {@link PackageTransition} starts from. Runs in the caller's transaction; {@link Packages} locks or reads the rows a
 * change starts from.
 */
@Component
public class PackageLedger {

    private final DatabaseClient db;

    PackageLedger(DatabaseClient db) {
        this.db = db;
    }

    /** A package of a published plan and the stop it goes on. */
    public record PackageOnStop(String trackingId, String stopId) {
    }

    /** One entry a change adds to the package's timeline. */
    private record TimelineStep(PackageStatus status, String detail) {
    }

    /** A package marked missing, with the route it was on. */
    public record MissingPackage(String trackingId, String stationId, String routeId, String driverId,
            LocalDate serviceDate) {
    }

    /** Inserts the new packages (MANIFESTED, with their first timeline entry); answers the tracking ids created. */
    Mono<List<String>> create(String stationId, PackageKind kind, List<PackageDraft> drafts, String detail) {
        Columns<PackageDraft> rows = Columns.of(drafts);
        return db.sql("""
                        WITH created AS (
                            INSERT INTO packages (tracking_id, station_id, kind, status, recipient_name, address, lat,
                                lon, window_from, window_to, weight_kg, length_cm, width_cm, height_cm, locale,
                                shipper_name)
                            SELECT t.id, :station, :kind, :status, t.name, t.address, t.lat, t.lon, t.wfrom, t.wto,
                                t.weight, t.len, t.wid, t.hei, t.locale, t.shipper
                            FROM unnest(:ids::text[], :names::text[], :addresses::text[], :lats::float8[],
                                :lons::float8[], :froms::timestamptz[], :tos::timestamptz[], :weights::float8[],
                                :lengths::float8[], :widths::float8[], :heights::float8[], :locales::text[],
                                :shippers::text[])
                                AS t(id, name, address, lat, lon, wfrom, wto, weight, len, wid, hei, locale, shipper)
                            ON CONFLICT (tracking_id) DO NOTHING
                            RETURNING tracking_id),
                        events AS (
                            INSERT INTO package_events (tracking_id, status, detail)
                            SELECT tracking_id, :status, :detail FROM created)
                        SELECT tracking_id FROM created""")
                .bind("station", stationId).bind("kind", kind.name())
                .bind("status", PackageStatus.MANIFESTED.name()).bind("detail", detail)
                .bind("ids", rows.column(PackageDraft::trackingId, String[]::new))
                .bind("names", rows.column(d -> d.recipientName().strip(), String[]::new))
                .bind("addresses", rows.column(d -> d.address().strip(), String[]::new))
                .bind("lats", rows.column(d -> d.location().lat(), Double[]::new))
                .bind("lons", rows.column(d -> d.location().lon(), Double[]::new))
                .bind("froms", rows.column(d -> d.window().from(), OffsetDateTime[]::new))
                .bind("tos", rows.column(d -> d.window().to(), OffsetDateTime[]::new))
                .bind("weights", rows.column(PackageDraft::weightKg, Double[]::new))
                .bind("lengths", rows.column(PackageDraft::lengthCm, Double[]::new))
                .bind("widths", rows.column(PackageDraft::widthCm, Double[]::new))
                .bind("heights", rows.column(PackageDraft::heightCm, Double[]::new))
                .bind("locales", rows.column(PackageDraft::locale, String[]::new))
                .bind("shippers", rows.column(d -> d.shipperName() == null ? null : d.shipperName().strip(),
                        String[]::new))
                .map(row -> row.get("tracking_id", String.class))
                .all()
                .collectList();
    }

    /** Sets or (null) clears the ops note; a note is a change of the package, so its version moves. */
    Mono<Long> note(String trackingId, String note) {
        return db.sql("""
                        UPDATE packages SET ops_note = :note, version = version + 1, updated_at = now()
                        WHERE tracking_id = :id""")
                .bind("id", trackingId).bind("note", Binds.nullable(note, String.class))
                .fetch().rowsUpdated();
    }

    /** A published plan's packages onto their stops ({@link PackageTransition#PLAN}); answers how many moved. */
    public Mono<Long> plan(List<PackageOnStop> packages, String detail) {
        if (packages.isEmpty()) {
            return Mono.just(0L);
        }
        Columns<PackageOnStop> rows = Columns.of(packages);
        PackageTransition move = PackageTransition.PLAN;
        return db.sql("""
                        WITH moved AS (
                            UPDATE packages p SET status = :to, stop_id = t.stop, version = p.version + 1,
                                updated_at = now()
                            FROM unnest(:ids::text[], :stops::text[]) AS t(id, stop)
                            WHERE p.tracking_id = t.id AND p.status = ANY(:from::text[])
                            RETURNING p.tracking_id)
                        INSERT INTO package_events (tracking_id, status, detail)
                        SELECT tracking_id, :to, :detail FROM moved""")
                .bind("ids", rows.column(PackageOnStop::trackingId, String[]::new))
                .bind("stops", rows.column(PackageOnStop::stopId, String[]::new))
                .bind("to", move.to().name()).bind("from", move.fromNames()).bind("detail", detail)
                .fetch().rowsUpdated();
    }

    /**
     * A re-plan's kept packages onto their new stops: each still PLANNED on a pending stop of a route of plan
     * {@code keptPlanId} not yet started and carrying no Flex block (no status change, so no timeline row); answers
     * how many moved.
     */
    public Mono<Long> replanned(List<PackageOnStop> packages, String keptPlanId) {
        if (packages.isEmpty()) {
            return Mono.just(0L);
        }
        Columns<PackageOnStop> rows = Columns.of(packages);
        return db.sql("""
                        UPDATE packages p SET stop_id = t.stop, version = p.version + 1, updated_at = now()
                        FROM unnest(:ids::text[], :stops::text[]) AS t(id, stop)
                        WHERE p.tracking_id = t.id AND p.status = :planned AND p.stop_id IN (
                            SELECT s.id FROM stops s JOIN routes r ON r.id = s.route_id
                            WHERE r.plan_id = :kept AND r.status IN ('PLANNED', 'ASSIGNED') AND r.block_id IS NULL
                                AND s.status = 'PENDING')""")
                .bind("ids", rows.column(PackageOnStop::trackingId, String[]::new))
                .bind("stops", rows.column(PackageOnStop::stopId, String[]::new))
                .bind("planned", PackageStatus.PLANNED.name()).bind("kept", keptPlanId)
                .fetch().rowsUpdated();
    }

    /**
     * Packages a re-plan left out of plan {@code keptPlanId}'s routes not yet started (carrying no Flex block) go
     * back to the station
     * ({@link PackageTransition#LEAVE_ROUTE}); answers their ids.
     */
    public Mono<List<String>> leftByReplan(String keptPlanId, String detail) {
        PackageTransition move = PackageTransition.LEAVE_ROUTE;
        return db.sql("""
                        WITH moved AS (
                            UPDATE packages p SET status = :to, stop_id = NULL, version = p.version + 1,
                                updated_at = now()
                            WHERE p.status = :planned AND p.stop_id IN (
                                SELECT s.id FROM stops s JOIN routes r ON r.id = s.route_id
                                WHERE r.plan_id = :kept AND r.status IN ('PLANNED', 'ASSIGNED') AND r.block_id IS NULL)
                            RETURNING p.tracking_id),
                        logged AS (
                            INSERT INTO package_events (tracking_id, status, detail)
                            SELECT tracking_id, :to, :detail FROM moved)
                        SELECT tracking_id FROM moved ORDER BY tracking_id""")
                .bind("to", move.to().name()).bind("planned", PackageStatus.PLANNED.name())
                .bind("kept", keptPlanId).bind("detail", detail)
                .map(row -> row.get("tracking_id", String.class))
                .all()
                .collectList();
    }

    /** The packages waiting at these stops leave with the route ({@link PackageTransition#LOAD}); their ids. */
    public Mono<List<String>> load(List<String> stopIds, String detail) {
        PackageTransition move = PackageTransition.LOAD;
        return db.sql("""
                        WITH moved AS (
                            UPDATE packages SET status = :to, version = version + 1, updated_at = now()
                            WHERE stop_id = ANY(:stops::text[]) AND status = ANY(:from::text[])
                            RETURNING tracking_id),
                        events AS (
                            INSERT INTO package_events (tracking_id, status, detail)
                            SELECT tracking_id, :to, :detail FROM moved)
                        SELECT tracking_id FROM moved ORDER BY tracking_id""")
                .bind("stops", stopIds.toArray(String[]::new))
                .bind("to", move.to().name()).bind("from", move.fromNames()).bind("detail", detail)
                .map(row -> row.get("tracking_id", String.class))
                .all()
                .collectList();
    }

    /** What happened at the door ({@link PackageTransition#DELIVER}, ATTEMPT or PICK_UP), with the attempt count. */
    public Mono<Void> attempted(String trackingId, PackageTransition move, int attempts, String detail) {
        return db.sql("""
                        WITH moved AS (
                            UPDATE packages SET status = :to, attempts = :attempts, version = version + 1,
                                updated_at = now()
                            WHERE tracking_id = :id AND status = ANY(:from::text[])
                            RETURNING tracking_id)
                        INSERT INTO package_events (tracking_id, status, detail)
                        SELECT tracking_id, :to, :detail FROM moved""")
                .bind("id", trackingId).bind("attempts", attempts)
                .bind("to", move.to().name()).bind("from", move.fromNames()).bind("detail", detail)
                .fetch().rowsUpdated()
                .flatMap(moved -> exactlyOne(moved, trackingId, move));
    }

    /**
     * Pickups at these stops not collected when the route ends: due again on a later day with their window moved by
     * whole days ({@link PackageTransition#PICKUP_AGAIN}), or CANCELLED once they had {@code maxAttempts}.
     */
    public Mono<Void> pickupsNotCollected(List<String> stopIds, int maxAttempts) {
        return db.sql("""
                        WITH left_behind AS (
                            SELECT tracking_id, attempts >= :max AS done,
                                interval '1 day' * GREATEST(1, CEIL(EXTRACT(EPOCH FROM now() - window_to) / 86400))
                                    AS shift
                            FROM packages
                            WHERE stop_id = ANY(:stops::text[]) AND kind = 'PICKUP' AND status = ANY(:from::text[])
                            FOR UPDATE),
                        moved AS (
                            UPDATE packages p SET
                                status = CASE WHEN l.done THEN :cancelled ELSE :again END,
                                window_from = CASE WHEN l.done THEN p.window_from ELSE p.window_from + l.shift END,
                                window_to = CASE WHEN l.done THEN p.window_to ELSE p.window_to + l.shift END,
                                version = p.version + 1, updated_at = now()
                            FROM left_behind l WHERE p.tracking_id = l.tracking_id
                            RETURNING p.tracking_id, p.status)
                        INSERT INTO package_events (tracking_id, status, detail)
                        SELECT tracking_id, status, CASE WHEN status = :cancelled THEN :cancelledDetail
                            ELSE :againDetail END
                        FROM moved""")
                .bind("max", maxAttempts).bind("stops", stopIds.toArray(String[]::new))
                .bind("from", PackageTransition.PICKUP_AGAIN.fromNames())
                .bind("cancelled", PackageTransition.PICKUP_CANCELLED.to().name())
                .bind("again", PackageTransition.PICKUP_AGAIN.to().name())
                .bind("cancelledDetail", "Pickup not collected after the last attempt; cancelled")
                .bind("againDetail", "Pickup not collected; due again on a later day")
                .then();
    }

    /**
     * Packages still with their driver ({@link Packages#withDriver}) once the station has closed on their route's
     * day become MISSING. One statement, so that of several nodes running the check only one marks (and reports) a
     * package.
     */
    public Mono<List<MissingPackage>> markMissing(LocalTime stationClosesAt, Instant now) {
        return db.sql("""
                        WITH missing AS (
                            UPDATE packages p SET status = :to, version = p.version + 1, updated_at = now()
                            FROM stops s
                            JOIN routes r ON r.id = s.route_id
                            JOIN stations st ON st.id = r.station_id
                            WHERE p.stop_id = s.id
                                AND ((p.kind = 'DELIVERY' AND p.status = ANY(:deliveries::text[]))
                                    OR (p.kind = 'PICKUP' AND p.status = ANY(:pickups::text[])))
                                AND r.status IN ('IN_PROGRESS', 'FINISHED')
                                AND ((r.service_date + CAST(:closes AS time)) AT TIME ZONE st.time_zone) <= :now
                            RETURNING p.tracking_id, r.station_id, r.id AS route_id, r.driver_id, r.service_date),
                        events AS (
                            INSERT INTO package_events (tracking_id, status, detail)
                            SELECT tracking_id, :to,
                                'Not back at the station by closing time (route ' || route_id || ')'
                            FROM missing)
                        SELECT * FROM missing ORDER BY tracking_id""")
                .bind("to", PackageStatus.MISSING.name())
                .bind("deliveries", PackageTransition.DELIVERY_MISSING.fromNames())
                .bind("pickups", PackageTransition.PICKUP_MISSING.fromNames())
                .bind("closes", stationClosesAt)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .map(row -> new MissingPackage(row.get("tracking_id", String.class),
                        row.get("station_id", String.class), row.get("route_id", String.class),
                        row.get("driver_id", String.class), row.get("service_date", LocalDate.class)))
                .all()
                // Read every row before the next statement: one connection runs one statement at a time.
                .collectList();
    }

    /**
     * A package scanned back at the station: RETURNED_TO_STATION by {@code back}, then, when {@code then} is not null,
     * on at once by it (a reattempt keeps its hours, moved by whole days to the next day still ahead). One timeline
     * entry per step.
     */
    public Mono<Void> returned(String trackingId, PackageTransition back, String backDetail, PackageTransition then,
            String thenDetail) {
        if (then != null && !then.startsFrom(back.to())) {
            return Mono.error(new IllegalArgumentException(then.name() + " does not follow " + back.name()));
        }
        PackageStatus last = then == null ? back.to() : then.to();
        boolean shift = then == PackageTransition.REATTEMPT;
        Columns<TimelineStep> steps = Columns.of(then == null ? List.of(new TimelineStep(back.to(), backDetail))
                : List.of(new TimelineStep(back.to(), backDetail), new TimelineStep(then.to(), thenDetail)));
        return db.sql("""
                        WITH d AS (
                            SELECT CASE WHEN CAST(:shift AS boolean) THEN interval '1 day'
                                * GREATEST(1, CEIL(EXTRACT(EPOCH FROM now() - window_to) / 86400))
                                ELSE interval '0' END AS shift
                            FROM packages WHERE tracking_id = :id),
                        moved AS (
                            UPDATE packages SET status = :last, window_from = window_from + d.shift,
                                window_to = window_to + d.shift, version = version + 1, updated_at = now()
                            FROM d WHERE tracking_id = :id AND status = ANY(:from::text[])
                            RETURNING tracking_id)
                        INSERT INTO package_events (tracking_id, status, detail)
                        SELECT tracking_id, e.status, e.detail FROM moved,
                            unnest(:statuses::text[], :details::text[]) WITH ORDINALITY AS e(status, detail, n)
                        ORDER BY e.n""")
                .bind("shift", shift).bind("id", trackingId).bind("last", last.name())
                .bind("from", back.fromNames())
                .bind("statuses", steps.column(step -> step.status().name(), String[]::new))
                .bind("details", steps.column(TimelineStep::detail, String[]::new))
                .fetch().rowsUpdated()
                .flatMap(events -> exactlyOne(events == 0 ? 0 : 1, trackingId, back));
    }

    /**
     * Ops put the package on a stop of a route ({@link PackageTransition#JOIN_ROUTE} or JOIN_ROUTE_UNDER_WAY), or take
     * it off ({@link PackageTransition#LEAVE_ROUTE}, {@code stopId} null), only if it is still at {@code version};
     * answers how many packages changed (0 or 1).
     */
    public Mono<Long> reroute(String trackingId, int version, PackageTransition move, String stopId, String detail) {
        return db.sql("""
                        WITH changed AS (
                            UPDATE packages SET status = :to, stop_id = :stop, version = version + 1,
                                updated_at = now()
                            WHERE tracking_id = :id AND version = :version AND status = ANY(:from::text[])
                            RETURNING tracking_id)
                        INSERT INTO package_events (tracking_id, status, detail)
                        SELECT tracking_id, :to, :detail FROM changed""")
                .bind("id", trackingId).bind("version", version).bind("stop", Binds.nullable(stopId, String.class))
                .bind("to", move.to().name()).bind("from", move.fromNames()).bind("detail", detail)
                .fetch().rowsUpdated();
    }

    private static Mono<Void> exactlyOne(long moved, String trackingId, PackageTransition move) {
        return moved == 1 ? Mono.empty() : Mono.error(new Conflict("ILLEGAL_TRANSITION", "Package " + trackingId
                + " cannot " + move.name() + ": it is no longer " + move.from()));
    }
}
