package dev.doorstep.dispatch.packages;

import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.stations.Stations;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
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
        return stations.get(stationId).then(manifestImport.run(stationId, entries, "DELIVERY"));
    }

    /**
     * Imports customer return pickups into a station: packages of kind PICKUP that the planner puts on PICKUP stops.
     * Same rules as {@link #importManifest}; a tracking id already imported as a delivery is a conflict.
     */
    public Mono<ImportReport> importPickups(String stationId, List<ManifestEntry> entries) {
        return stations.get(stationId).then(manifestImport.run(stationId, entries, "PICKUP"));
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

    public Mono<PackageView> get(String trackingId) {
        Mono<List<TimelineEntry>> timeline = db.sql("SELECT at, status, detail FROM package_events "
                        + "WHERE tracking_id = :id ORDER BY at, id")
                .bind("id", trackingId)
                .map(row -> new TimelineEntry(utc(row.get("at", OffsetDateTime.class)),
                        PackageStatus.valueOf(row.get("status", String.class)), row.get("detail", String.class)))
                .all()
                .collectList();
        return db.sql("SELECT * FROM packages WHERE tracking_id = :id")
                .bind("id", trackingId)
                .map(row -> row)
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("package", trackingId)))
                .map(Packages::view)
                .zipWith(timeline, (view, events) -> withTimeline(view, events));
    }

    private static PackageView withTimeline(PackageView v, List<TimelineEntry> events) {
        return new PackageView(v.trackingId(), v.stationId(), v.kind(), v.recipientName(), v.address(), v.location(),
                v.window(), v.weightKg(), v.lengthCm(), v.widthCm(), v.heightCm(), v.locale(), v.status(),
                v.attempts(), events);
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
                List.of());
    }

    static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
