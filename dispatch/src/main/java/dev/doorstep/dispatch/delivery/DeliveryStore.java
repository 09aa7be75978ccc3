package dev.doorstep.dispatch.delivery;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.events.PackageAttempted;
import dev.doorstep.dispatch.events.PackagePickedUp;
import dev.doorstep.dispatch.events.PackageDelivered;
import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.outbox.Outbox;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Deliveries, attempts and photo records in PostgreSQL; one upload is written in one transaction. */
@Component
class DeliveryStore {

    private final DatabaseClient db;
    private final Outbox outbox;
    private final TransactionalOperator transaction;

    DeliveryStore(DatabaseClient db, Outbox outbox, ReactiveTransactionManager transactions) {
        this.db = db;
        this.outbox = outbox;
        this.transaction = TransactionalOperator.create(transactions);
    }

    Mono<StopRow> stop(String stopId) {
        return db.sql("SELECT s.id, s.route_id, s.lat, s.lon, s.status, s.version, r.driver_id, "
                        + "r.status AS route_status FROM stops s JOIN routes r ON r.id = s.route_id WHERE s.id = :id")
                .bind("id", stopId)
                .map(r -> new StopRow(r.get("id", String.class), r.get("route_id", String.class),
                        new GeoPoint(r.get("lat", Double.class), r.get("lon", Double.class)),
                        r.get("status", String.class), r.get("version", Integer.class),
                        r.get("driver_id", String.class), r.get("route_status", String.class)))
                .one();
    }

    /** An earlier upload with the same key from this driver or with the same fingerprint: id and fingerprint. */
    Mono<String[]> earlier(String driverId, String idempotencyKey, String fingerprint) {
        return db.sql("SELECT id, fingerprint FROM deliveries WHERE fingerprint = :fingerprint "
                        + "OR (driver_id = :driver AND idempotency_key = :key) ORDER BY (fingerprint = :fingerprint) DESC "
                        + "LIMIT 1")
                .bind("fingerprint", fingerprint).bind("driver", driverId)
                .bind("key", idempotencyKey == null ? "" : idempotencyKey)
                .map(r -> new String[] {r.get("id", String.class), r.get("fingerprint", String.class)})
                .one();
    }

    Mono<Void> write(NewDelivery delivery) {
        DeliveryDraft draft = delivery.draft();
        List<String> ids = draft.packages().stream().map(PackageOutcome::trackingId).toList();
        return nullable(db.sql("INSERT INTO deliveries (id, stop_id, driver_id, idempotency_key, fingerprint, "
                                + "captured_at) VALUES (:id, :stop, :driver, :key, :fingerprint, :captured)")
                        .bind("id", delivery.id()).bind("stop", delivery.stop().id()).bind("driver", delivery.driverId())
                        .bind("fingerprint", delivery.fingerprint()).bind("captured", draft.capturedAt()),
                        "key", delivery.idempotencyKey(), String.class)
                .then()
                .then(lockedPackages(delivery.stop().id(), ids))
                .flatMap(packages -> Flux.fromIterable(draft.packages()).index()
                        .concatMap(p -> attempt(delivery, p.getT2(), p.getT1().intValue(), packages))
                        .then())
                .then(db.sql("UPDATE stops SET status = 'COMPLETED', completed_at = now(), version = version + 1 "
                                + "WHERE id = :id AND status <> 'COMPLETED' AND NOT EXISTS (SELECT 1 FROM packages "
                                + "WHERE stop_id = :id AND status = 'OUT_FOR_DELIVERY')")
                        .bind("id", delivery.stop().id()).then())
                .as(transaction::transactional);
    }

    /** The stop's packages named in the upload, locked until the transaction ends: status, attempt count, kind. */
    private Mono<Map<String, Object[]>> lockedPackages(String stopId, List<String> ids) {
        return db.sql("SELECT tracking_id, status, attempts, kind FROM packages WHERE stop_id = :stop "
                        + "AND tracking_id = ANY(:ids) FOR UPDATE")
                .bind("stop", stopId).bind("ids", ids.toArray(String[]::new))
                .map(r -> new Object[] {r.get("tracking_id", String.class), r.get("status", String.class),
                        r.get("attempts", Integer.class), r.get("kind", String.class)})
                .all()
                .collectMap(row -> (String) row[0]);
    }

    private Mono<Void> attempt(NewDelivery delivery, PackageOutcome outcome, int index,
            Map<String, Object[]> packages) {
        Object[] row = packages.get(outcome.trackingId());
        if (row == null) {
            return Mono.error(InvalidInput.of("attempt.packages[" + index + "].trackingId",
                    "is not a package of this stop"));
        }
        if ("DELIVERED".equals(row[1])) {
            return Mono.error(new Conflict("ALREADY_DELIVERED", "Package " + outcome.trackingId()
                    + " was delivered already"));
        }
        if (!"OUT_FOR_DELIVERY".equals(row[1])) {
            return Mono.error(new Conflict("ILLEGAL_TRANSITION", "Package " + outcome.trackingId() + " is " + row[1]
                    + "; only a package OUT_FOR_DELIVERY can be delivered or attempted"));
        }
        boolean pickup = "PICKUP".equals(row[3]);
        if (pickup ? outcome.outcome() == Outcome.DELIVERED : outcome.outcome() == Outcome.PICKED_UP) {
            return Mono.error(InvalidInput.of("attempt.packages[" + index + "].outcome", pickup
                    ? "must be PICKED_UP or ATTEMPTED for a customer return pickup"
                    : "must be DELIVERED or ATTEMPTED for a package to deliver"));
        }
        String attemptId = Ids.next("att");
        int attempts = (Integer) row[2] + 1;
        DeliveryDraft draft = delivery.draft();
        GeoPoint position = draft.position();
        String status = outcome.outcome().name();
        String detail = switch (outcome.outcome()) {
            case DELIVERED -> "Delivered: " + draft.place();
            case PICKED_UP -> "Picked up from the customer: " + draft.place();
            case ATTEMPTED -> (pickup ? "Pickup attempted: " : "Delivery attempted: ") + outcome.reason();
        };
        Record event = switch (outcome.outcome()) {
            case DELIVERED -> new PackageDelivered(outcome.trackingId(), attemptId, delivery.stop().id(),
                    delivery.stop().routeId(), delivery.driverId(), draft.place(), draft.capturedAt());
            case PICKED_UP -> new PackagePickedUp(outcome.trackingId(), attemptId, delivery.stop().id(),
                    delivery.stop().routeId(), delivery.driverId(), draft.place(), draft.capturedAt());
            case ATTEMPTED -> new PackageAttempted(outcome.trackingId(), attemptId, delivery.stop().id(),
                    delivery.stop().routeId(), delivery.driverId(), outcome.reason(), attempts, draft.capturedAt());
        };
        var insert = db.sql("INSERT INTO delivery_attempts (id, stop_id, tracking_id, driver_id, outcome, place, "
                        + "reason, lat, lon, accuracy_m, recipient_name, captured_at, flags, idempotency_key, delivery_id) "
                        + "VALUES (:id, :stop, :tracking, :driver, :outcome, :place, :reason, :lat, :lon, :accuracy, "
                        + ":recipient, :captured, :flags, :key, :delivery)")
                .bind("id", attemptId).bind("stop", delivery.stop().id()).bind("tracking", outcome.trackingId())
                .bind("driver", delivery.driverId()).bind("outcome", status).bind("place", draft.place().name())
                .bind("captured", draft.capturedAt()).bind("delivery", delivery.id())
                .bind("flags", delivery.flags().stream().map(Enum::name).toArray(String[]::new));
        insert = nullable(insert, "reason", outcome.reason() == null ? null : outcome.reason().name(), String.class);
        insert = nullable(insert, "lat", position == null ? null : position.lat(), Double.class);
        insert = nullable(insert, "lon", position == null ? null : position.lon(), Double.class);
        insert = nullable(insert, "accuracy", draft.accuracyMeters(), Double.class);
        insert = nullable(insert, "recipient", draft.recipientName(), String.class);
        insert = nullable(insert, "key", delivery.idempotencyKey(), String.class);
        return insert.then()
                .then(db.sql("UPDATE packages SET status = :status, attempts = :attempts, version = version + 1, "
                                + "updated_at = now() WHERE tracking_id = :id")
                        .bind("status", status).bind("attempts", attempts).bind("id", outcome.trackingId()).then())
                .then(db.sql("INSERT INTO package_events (tracking_id, status, detail) VALUES (:id, :status, :detail)")
                        .bind("id", outcome.trackingId()).bind("status", status).bind("detail", detail).then())
                .then(photos(attemptId, delivery.photos()))
                .then(outbox.append(outcome.trackingId(), event));
    }

    private Mono<Void> photos(String attemptId, List<InspectedPhoto> photos) {
        return Flux.range(0, photos.size()).concatMap(i -> {
            InspectedPhoto photo = photos.get(i);
            ExifReading exif = photo.exif();
            var insert = db.sql("INSERT INTO proof_of_delivery (id, attempt_id, n, kind, sha256, content_type, "
                            + "size_bytes, width_px, height_px, exif_lat, exif_lon, exif_time, blob_key, customer_blob_key) "
                            + "VALUES (:id, :attempt, :n, :kind, :sha, :type, :size, :w, :h, :lat, :lon, :time, :blob, "
                            + ":customer)")
                    .bind("id", Ids.next("pod")).bind("attempt", attemptId).bind("n", i + 1)
                    .bind("kind", photo.upload().signature() ? "SIGNATURE" : "PHOTO").bind("sha", photo.sha256())
                    .bind("type", photo.header().contentType()).bind("size", (long) photo.upload().bytes().length)
                    .bind("w", photo.header().width()).bind("h", photo.header().height())
                    .bind("blob", photo.originalKey()).bind("customer", photo.customerKey());
            insert = nullable(insert, "lat", exif.position() == null ? null : exif.position().lat(), Double.class);
            insert = nullable(insert, "lon", exif.position() == null ? null : exif.position().lon(), Double.class);
            insert = nullable(insert, "time", exif.time(), OffsetDateTime.class);
            return insert.then();
        }).then();
    }

    static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name, Object value,
            Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
