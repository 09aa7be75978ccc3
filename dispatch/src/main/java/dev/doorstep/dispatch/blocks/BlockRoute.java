package dev.doorstep.dispatch.blocks;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The route a Flex block carries, with its stops in visiting order; an empty itinerary has no route. */
public record BlockRoute(String routeId, String blockId, String status, List<Stop> stops) {

    public record Stop(String id, int seq, String kind, String address, double lat, double lon,
            OffsetDateTime windowFrom, OffsetDateTime windowTo, OffsetDateTime plannedArrival, String status) {
    }

    static BlockRoute none(String blockId) {
        return new BlockRoute(null, blockId, null, List.of());
    }

    static Mono<BlockRoute> read(DatabaseClient db, String routeId, String blockId) {
        Mono<String> status = db.sql("SELECT status FROM routes WHERE id = :id").bind("id", routeId)
                .map(row -> row.get("status", String.class)).one();
        Mono<List<Stop>> stops = db.sql("""
                        SELECT id, seq, kind, address, lat, lon, window_from, window_to,
                        planned_arrival, status FROM stops WHERE route_id = :id ORDER BY seq""")
                .bind("id", routeId)
                .map(row -> new Stop(row.get("id", String.class), row.get("seq", Integer.class),
                        row.get("kind", String.class), row.get("address", String.class),
                        row.get("lat", Double.class), row.get("lon", Double.class),
                        row.get("window_from", OffsetDateTime.class), row.get("window_to", OffsetDateTime.class),
                        row.get("planned_arrival", OffsetDateTime.class), row.get("status", String.class)))
                .all()
                .collectList();
        return status.zipWith(stops, (s, list) -> new BlockRoute(routeId, blockId, s, list));
    }
}
