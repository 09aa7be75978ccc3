package dev.doorstep.dispatch.delivery;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads of recorded attempts for the other modules: the customer's tracking page and the DSP's exceptions. */
@Component
public class DeliveryFacts {

    private static final String LAST_DELIVERY = """
            SELECT a.captured_at, a.place, EXISTS (SELECT 1 FROM proof_of_delivery p WHERE p.attempt_id = a.id
                AND p.customer_blob_key IS NOT NULL) AS photo
            FROM delivery_attempts a WHERE a.tracking_id = :id AND a.outcome = 'DELIVERED'
            ORDER BY a.captured_at DESC LIMIT 1
            """;

    private static final String FAR_FROM_STOP = """
            SELECT DISTINCT ON (a.stop_id) a.stop_id, s.seq, s.route_id, r.dsp_id, r.driver_id, a.captured_at,
                   a.lat, a.lon, a.flags
            FROM delivery_attempts a JOIN stops s ON s.id = a.stop_id JOIN routes r ON r.id = s.route_id
            WHERE r.status = 'IN_PROGRESS' AND r.dsp_id IS NOT NULL
              AND a.flags && ARRAY['PHONE_FAR_FROM_STOP', 'PHOTO_FAR_FROM_STOP']::text[]
            ORDER BY a.stop_id, a.captured_at, a.id
            """;

    private final DatabaseClient db;

    DeliveryFacts(DatabaseClient db) {
        this.db = db;
    }

    /** When and where a package was delivered, and whether the customer may see a photo of it. */
    public record LastDelivery(OffsetDateTime capturedAt, String place, boolean customerPhoto) {
    }

    /** An attempt flagged far from its stop, on a DSP route in progress; {@code flags} as recorded. */
    public record FlaggedAttempt(String stopId, int seq, String routeId, String dspId, String driverId,
            OffsetDateTime capturedAt, Double lat, Double lon, List<String> flags) {
    }

    /** The package's latest delivery, or empty while it has none. */
    public Mono<LastDelivery> lastDelivery(String trackingId) {
        return db.sql(LAST_DELIVERY)
                .bind("id", trackingId)
                .map(r -> new LastDelivery(r.get("captured_at", OffsetDateTime.class), r.get("place", String.class),
                        Boolean.TRUE.equals(r.get("photo", Boolean.class))))
                .one();
    }

    /** Per stop of a DSP route in progress, its first attempt flagged far from the stop. */
    public Flux<FlaggedAttempt> farFromStop() {
        return db.sql(FAR_FROM_STOP)
                .map(r -> new FlaggedAttempt(r.get("stop_id", String.class), r.get("seq", Integer.class),
                        r.get("route_id", String.class), r.get("dsp_id", String.class),
                        r.get("driver_id", String.class), r.get("captured_at", OffsetDateTime.class),
                        r.get("lat", Double.class), r.get("lon", Double.class),
                        List.of(r.get("flags", String[].class))))
                .all();
    }
}
