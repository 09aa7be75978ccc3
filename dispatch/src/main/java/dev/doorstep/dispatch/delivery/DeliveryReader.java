package dev.doorstep.dispatch.delivery;

import dev.doorstep.dispatch.geo.GeoPoint;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Recorded deliveries and attempts as their views, and where an attempt's images are kept. */
@Component
class DeliveryReader {

    private final DatabaseClient db;

    DeliveryReader(DatabaseClient db) {
        this.db = db;
    }

    Mono<Delivery> delivery(String id) {
        return db.sql("""
                        SELECT d.id, d.stop_id, s.route_id, d.captured_at, d.received_at FROM deliveries d
                        JOIN stops s ON s.id = d.stop_id WHERE d.id = :id""")
                .bind("id", id)
                .map(r -> new Delivery(r.get("id", String.class), r.get("stop_id", String.class),
                        r.get("route_id", String.class), utc(r.get("captured_at", OffsetDateTime.class)),
                        utc(r.get("received_at", OffsetDateTime.class)), List.of(), false))
                .one()
                .zipWith(attempts("a.delivery_id = :id", id), (d, attempts) -> new Delivery(d.id(), d.stopId(),
                        d.routeId(), d.capturedAt(), d.receivedAt(), attempts, false));
    }

    /** The reason of the package's latest attempt; empty when it had none or the latest has no reason. */
    Mono<AttemptReason> lastReason(String trackingId) {
        return db.sql("""
                        SELECT reason FROM delivery_attempts
                        WHERE tracking_id = :id
                        ORDER BY received_at DESC, id DESC
                        LIMIT 1""")
                .bind("id", trackingId)
                .map(r -> Optional.ofNullable(r.get("reason", String.class)))
                .one()
                .flatMap(reason -> Mono.justOrEmpty(reason.map(AttemptReason::valueOf)));
    }

    /** One attempt with the DSP of its route (null for a Flex route), or empty. */
    Mono<Map.Entry<Attempt, String>> attemptWithDsp(String attemptId) {
        return attempts("a.id = :id", attemptId)
                .filter(list -> !list.isEmpty())
                .flatMap(list -> db.sql("""
                                SELECT r.dsp_id FROM stops s JOIN routes r ON r.id = s.route_id
                                WHERE s.id = :stop""")
                        .bind("stop", list.get(0).stopId())
                        .map(r -> Map.entry(list.get(0), r.get("dsp_id", String.class) == null ? ""
                                : r.get("dsp_id", String.class)))
                        .one());
    }

    /** Where a stored image is kept and its media type. */
    record StoredImage(String blobKey, String contentType) {
    }

    /** Where photo {@code n} of an attempt is kept, and its media type. */
    Mono<StoredImage> photoKey(String attemptId, int n) {
        return db.sql("SELECT blob_key, content_type FROM proof_of_delivery WHERE attempt_id = :id AND n = :n")
                .bind("id", attemptId).bind("n", n)
                .map(r -> new StoredImage(r.get("blob_key", String.class), r.get("content_type", String.class)))
                .one();
    }

    /** Blob key of the customer's copy of the first photo of a package's delivery. */
    Mono<String> customerKey(String trackingId) {
        return db.sql("""
                        SELECT p.customer_blob_key FROM proof_of_delivery p JOIN delivery_attempts a
                        ON a.id = p.attempt_id WHERE a.tracking_id = :id AND a.outcome = 'DELIVERED'
                        AND p.customer_blob_key IS NOT NULL ORDER BY p.kind, p.n LIMIT 1""")
                .bind("id", trackingId)
                .map(r -> r.get("customer_blob_key", String.class))
                .one();
    }

    private Mono<List<Attempt>> attempts(String where, String id) {
        Mono<Map<String, java.util.Collection<Photo>>> photos = db.sql("""
                        SELECT p.* FROM proof_of_delivery p
                        JOIN delivery_attempts a ON a.id = p.attempt_id WHERE
                        """ + where + " ORDER BY p.n")
                .bind("id", id)
                .map(r -> Map.entry(r.get("attempt_id", String.class), photo(r)))
                .all()
                .collectMultimap(Map.Entry::getKey, Map.Entry::getValue);
        return photos.flatMap(byAttempt -> db.sql("SELECT a.* FROM delivery_attempts a WHERE " + where
                        + " ORDER BY a.tracking_id")
                .bind("id", id)
                .map(r -> attempt(r, List.copyOf(byAttempt.getOrDefault(r.get("id", String.class), List.of()))))
                .all()
                .collectList());
    }

    private static Attempt attempt(Readable r, List<Photo> photos) {
        String reason = r.get("reason", String.class);
        String place = r.get("place", String.class);
        Double lat = r.get("lat", Double.class);
        String[] flags = r.get("flags", String[].class);
        return new Attempt(r.get("id", String.class), r.get("delivery_id", String.class),
                r.get("stop_id", String.class), r.get("tracking_id", String.class), r.get("driver_id", String.class),
                Outcome.valueOf(r.get("outcome", String.class)), place == null ? null : Place.valueOf(place),
                reason == null ? null : AttemptReason.valueOf(reason),
                lat == null ? null : new GeoPoint(lat, r.get("lon", Double.class)), r.get("accuracy_m", Double.class),
                r.get("recipient_name", String.class), utc(r.get("captured_at", OffsetDateTime.class)),
                utc(r.get("received_at", OffsetDateTime.class)),
                flags == null ? List.of() : Arrays.stream(flags).map(Flag::valueOf).toList(), photos);
    }

    private static Photo photo(Readable r) {
        Double lat = r.get("exif_lat", Double.class);
        return new Photo(r.get("n", Integer.class), r.get("kind", String.class), r.get("sha256", String.class),
                r.get("content_type", String.class), r.get("size_bytes", Long.class), r.get("width_px", Integer.class),
                r.get("height_px", Integer.class), lat == null ? null : new GeoPoint(lat, r.get("exif_lon", Double.class)),
                utc(r.get("exif_time", OffsetDateTime.class)));
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
