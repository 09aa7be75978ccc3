package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.packages.DeliveryWindow;
import dev.doorstep.dispatch.packages.PackageStatus;
import dev.doorstep.dispatch.packages.TimelineEntry;
import dev.doorstep.dispatch.routes.ledger.RouteStatus;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads what a customer's tracking page shows of a package in one statement: the package, its timeline, its
 * station's time zone, its stop, route and driver. A tracking read that misses its kept view pays one round trip to
 * the database for all of it instead of one a table.
 */
@Component
public class TrackedPackages {

    private static final String TRACKED = """
            SELECT p.tracking_id, p.status, p.window_from, p.window_to, p.lat, p.lon, st.time_zone,
                   p.stop_id, s.route_id, r.status AS route_status, r.driver_id, d.name AS driver_name,
                   CASE WHEN r.duration_s > 0 AND r.distance_m > 0 THEN r.distance_m / r.duration_s END AS plan_speed,
                   e.ats, e.statuses, e.details
            FROM packages p
            JOIN stations st ON st.id = p.station_id
            LEFT JOIN stops s ON s.id = p.stop_id
            LEFT JOIN routes r ON r.id = s.route_id
            LEFT JOIN drivers d ON d.id = r.driver_id
            CROSS JOIN LATERAL (
                SELECT array_agg(pe.at ORDER BY pe.at, pe.id) AS ats,
                       array_agg(pe.status ORDER BY pe.at, pe.id) AS statuses,
                       array_agg(pe.detail ORDER BY pe.at, pe.id) AS details
                FROM package_events pe WHERE pe.tracking_id = p.tracking_id) e
            WHERE p.tracking_id = :id
            """;

    private final DatabaseClient db;

    TrackedPackages(DatabaseClient db) {
        this.db = db;
    }

    /** The package as its tracking page shows it; empty for an unknown package. */
    public Mono<TrackedPackage> get(String trackingId) {
        return db.sql(TRACKED).bind("id", trackingId).map(TrackedPackages::tracked).one();
    }

    private static TrackedPackage tracked(Readable row) {
        String trackingId = row.get("tracking_id", String.class);
        String stopId = row.get("stop_id", String.class);
        String routeStatus = row.get("route_status", String.class);
        PackageRoute route = stopId == null || row.get("route_id", String.class) == null ? null
                : new PackageRoute(trackingId, stopId, row.get("route_id", String.class),
                        routeStatus == null ? null : RouteStatus.valueOf(routeStatus),
                        row.get("driver_id", String.class), row.get("plan_speed", Double.class));
        return new TrackedPackage(trackingId, PackageStatus.valueOf(row.get("status", String.class)),
                new DeliveryWindow(utc(row.get("window_from", OffsetDateTime.class)),
                        utc(row.get("window_to", OffsetDateTime.class))),
                new GeoPoint(row.get("lat", Double.class), row.get("lon", Double.class)),
                row.get("time_zone", String.class), timeline(row), route,
                route == null ? null : row.get("driver_name", String.class));
    }

    private static List<TimelineEntry> timeline(Readable row) {
        OffsetDateTime[] ats = row.get("ats", OffsetDateTime[].class);
        if (ats == null) {
            return List.of();
        }
        String[] statuses = row.get("statuses", String[].class);
        String[] details = row.get("details", String[].class);
        List<TimelineEntry> timeline = new ArrayList<>(ats.length);
        for (int i = 0; i < ats.length; i++) {
            timeline.add(new TimelineEntry(utc(ats[i]), PackageStatus.valueOf(statuses[i]), details[i]));
        }
        return List.copyOf(timeline);
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
