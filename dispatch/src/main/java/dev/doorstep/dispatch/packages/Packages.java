package dev.doorstep.dispatch.packages;

import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.stations.Stations;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Packages at the last mile: manifest import and the package with its timeline. */
@Component
public class Packages {

    /** Largest manifest batch accepted in one call. */
    public static final int MAX_BATCH = 5_000;

    private final DatabaseClient db;
    private final Stations stations;
    private final ManifestImport manifestImport;

    Packages(DatabaseClient db, Stations stations, ManifestImport manifestImport) {
        this.db = db;
        this.stations = stations;
        this.manifestImport = manifestImport;
    }

    /**
     * Imports a manifest into a station. Idempotent by tracking id; invalid lines are rejected one by one
     * while the valid ones are kept.
     */
    public Mono<ImportReport> importManifest(String stationId, List<ManifestEntry> entries) {
        return stations.get(stationId).then(manifestImport.run(stationId, entries, PackageKind.DELIVERY));
    }

    /**
     * Imports customer return pickups into a station: packages of kind PICKUP that the planner puts on PICKUP stops.
     * Same rules as {@link #importManifest}; a tracking id already imported as a delivery is a conflict.
     */
    public Mono<ImportReport> importPickups(String stationId, List<ManifestEntry> entries) {
        return stations.get(stationId).then(manifestImport.run(stationId, entries, PackageKind.PICKUP));
    }

    /**
     * Packages of the station a plan may take ({@link PackageTransition#PLAN}) whose window overlaps [from, to),
     * deliveries and pickups, by tracking id.
     */
    public Mono<List<WaitingPackage>> waitingForRoute(String stationId, Instant from, Instant to) {
        return db.sql("""
                        SELECT tracking_id, kind, address, lat, lon, window_from, window_to, weight_kg,
                            length_cm * width_cm * height_cm / 1000.0 AS liters
                        FROM packages
                        WHERE station_id = :station AND status = ANY(:waiting::text[])
                            AND window_from < :to AND window_to > :from
                        ORDER BY tracking_id""")
                .bind("station", stationId).bind("waiting", PackageTransition.PLAN.fromNames())
                .bind("from", from.atOffset(ZoneOffset.UTC)).bind("to", to.atOffset(ZoneOffset.UTC))
                .map(row -> new WaitingPackage(row.get("tracking_id", String.class),
                        PackageKind.valueOf(row.get("kind", String.class)), row.get("address", String.class),
                        new GeoPoint(row.get("lat", Double.class), row.get("lon", Double.class)),
                        row.get("window_from", OffsetDateTime.class).toInstant(),
                        row.get("window_to", OffsetDateTime.class).toInstant(),
                        row.get("weight_kg", Double.class), row.get("liters", Double.class)))
                .all()
                .collectList();
    }

    /** The windows of the packages of {@code trackingIds} that exist, with their stations' time zones. */
    public Flux<PackageWindow> windows(Collection<String> trackingIds) {
        if (trackingIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("""
                        SELECT p.tracking_id, p.station_id, s.time_zone, p.window_from, p.window_to
                        FROM packages p JOIN stations s ON s.id = p.station_id WHERE p.tracking_id = ANY(:ids)
                        """)
                .bind("ids", trackingIds.toArray(String[]::new))
                .map(row -> new PackageWindow(row.get("tracking_id", String.class), row.get("station_id", String.class),
                        row.get("time_zone", String.class), row.get("window_from", OffsetDateTime.class),
                        row.get("window_to", OffsetDateTime.class)))
                .all();
    }

    /** The current status of each package of {@code trackingIds} that exists, with when it reached it. */
    public Flux<CurrentStatus> currentStatuses(Collection<String> trackingIds) {
        if (trackingIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("""
                        SELECT p.tracking_id, p.status,
                            (SELECT max(e.at) FROM package_events e
                            WHERE e.tracking_id = p.tracking_id AND e.status = p.status) AS since
                        FROM packages p WHERE p.tracking_id = ANY(:ids)""")
                .bind("ids", trackingIds.toArray(String[]::new))
                .map(row -> {
                    OffsetDateTime since = row.get("since", OffsetDateTime.class);
                    return new CurrentStatus(row.get("tracking_id", String.class),
                            PackageStatus.valueOf(row.get("status", String.class)),
                            since == null ? null : since.toInstant());
                })
                .all();
    }

    /** The package's current status with when it reached it; empty for an unknown package. */
    public Mono<CurrentStatus> currentStatus(String trackingId) {
        return currentStatuses(List.of(trackingId)).next();
    }

    public Mono<PackageView> get(String trackingId) {
        Mono<List<TimelineEntry>> timeline = db.sql("""
                        SELECT at, status, detail FROM package_events
                        WHERE tracking_id = :id
                        ORDER BY at, id""")
                .bind("id", trackingId)
                .map(row -> new TimelineEntry(utc(row.get("at", OffsetDateTime.class)),
                        PackageStatus.valueOf(row.get("status", String.class)), row.get("detail", String.class)))
                .all()
                .collectList();
        return db.sql("SELECT * FROM packages WHERE tracking_id = :id")
                .bind("id", trackingId)
                .map(Packages::view)
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("package", trackingId)))
                .zipWith(timeline, (view, events) -> withTimeline(view, events));
    }

    /** The package with its version, for a change conditional on it ({@link PackageLedger#reroute}); or empty. */
    public Mono<LedgerEntry> entry(String trackingId) {
        return db.sql("""
                        SELECT tracking_id, station_id, kind, status, version, stop_id, address, lat, lon, window_from,
                            window_to, weight_kg, length_cm * width_cm * height_cm / 1000.0 AS liters
                        FROM packages
                        WHERE tracking_id = :id""")
                .bind("id", trackingId)
                .map(row -> new LedgerEntry(row.get("tracking_id", String.class), row.get("station_id", String.class),
                        PackageKind.valueOf(row.get("kind", String.class)),
                        PackageStatus.valueOf(row.get("status", String.class)), row.get("version", Integer.class),
                        row.get("stop_id", String.class), row.get("address", String.class),
                        row.get("lat", Double.class), row.get("lon", Double.class),
                        row.get("window_from", OffsetDateTime.class), row.get("window_to", OffsetDateTime.class),
                        row.get("weight_kg", Double.class), row.get("liters", Double.class)))
                .one();
    }

    /** The stop's packages among {@code trackingIds}, locked until the transaction ends, by tracking id. */
    public Mono<Map<String, HeldPackage>> lockAtStop(String stopId, List<String> trackingIds) {
        return db.sql("""
                        SELECT tracking_id, status, attempts, kind FROM packages
                        WHERE stop_id = :stop AND tracking_id = ANY(:ids::text[])
                        FOR UPDATE""")
                .bind("stop", stopId).bind("ids", trackingIds.toArray(String[]::new))
                .map(Packages::held)
                .all()
                .collectMap(HeldPackage::trackingId);
    }

    /** Packages at these stops still with the driver: deliveries not handed over, returns picked up. */
    public Mono<List<String>> withDriver(List<String> stopIds) {
        return db.sql("""
                        SELECT tracking_id FROM packages
                        WHERE stop_id = ANY(:stops::text[])
                            AND ((kind = 'DELIVERY' AND status = ANY(:deliveries::text[]))
                                OR (kind = 'PICKUP' AND status = ANY(:pickups::text[])))
                        ORDER BY tracking_id""")
                .bind("stops", stopIds.toArray(String[]::new))
                .bind("deliveries", PackageTransition.DELIVERY_MISSING.fromNames())
                .bind("pickups", PackageTransition.PICKUP_MISSING.fromNames())
                .map(row -> row.get("tracking_id", String.class))
                .all()
                .collectList();
    }

    /** The package of this station, locked until the transaction ends, as a return scan finds it. */
    public Mono<HeldPackage> lockForScan(String trackingId, String stationId) {
        return db.sql("""
                        SELECT tracking_id, status, attempts, kind FROM packages
                        WHERE tracking_id = :id AND station_id = :station
                        FOR UPDATE""")
                .bind("id", trackingId).bind("station", stationId)
                .map(Packages::held)
                .one();
    }

    private static HeldPackage held(Readable row) {
        return new HeldPackage(row.get("tracking_id", String.class),
                PackageStatus.valueOf(row.get("status", String.class)), row.get("attempts", Integer.class),
                PackageKind.valueOf(row.get("kind", String.class)));
    }

    private static PackageView withTimeline(PackageView v, List<TimelineEntry> events) {
        return new PackageView(v.trackingId(), v.stationId(), v.kind(), v.recipientName(), v.address(), v.location(),
                v.window(), v.weightKg(), v.lengthCm(), v.widthCm(), v.heightCm(), v.locale(), v.status(),
                v.attempts(), events, v.shipperName());
    }

    static PackageView view(Readable row) {
        return new PackageView(
                row.get("tracking_id", String.class),
                row.get("station_id", String.class),
                row.get("kind", String.class),
                row.get("recipient_name", String.class),
                row.get("address", String.class),
                new GeoPoint(row.get("lat", Double.class), row.get("lon", Double.class)),
                new DeliveryWindow(utc(row.get("window_from", OffsetDateTime.class)),
                        utc(row.get("window_to", OffsetDateTime.class))),
                row.get("weight_kg", Double.class),
                row.get("length_cm", Double.class),
                row.get("width_cm", Double.class),
                row.get("height_cm", Double.class),
                row.get("locale", String.class),
                PackageStatus.valueOf(row.get("status", String.class)),
                row.get("attempts", Integer.class),
                List.of(),
                row.get("shipper_name", String.class));
    }

    static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
