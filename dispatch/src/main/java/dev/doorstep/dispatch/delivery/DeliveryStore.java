package dev.doorstep.dispatch.delivery;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.events.PackageAttempted;
import dev.doorstep.dispatch.events.PackagePickedUp;
import dev.doorstep.dispatch.events.PackageDelivered;
import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.dispatch.packages.HeldPackage;
import dev.doorstep.dispatch.packages.PackageKind;
import dev.doorstep.dispatch.packages.PackageLedger;
import dev.doorstep.dispatch.packages.PackageStatus;
import dev.doorstep.dispatch.packages.PackageTransition;
import dev.doorstep.dispatch.packages.Packages;
import dev.doorstep.dispatch.routes.ledger.RouteLedger;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static dev.doorstep.dispatch.sql.Binds.nullable;

/**
 * Deliveries, attempts and photo records in PostgreSQL; one upload is written in one transaction, the packages'
 * new statuses through the {@link PackageLedger}.
 */
@Component
class DeliveryStore {

    private final DatabaseClient db;
    private final Outbox outbox;
    private final Packages packages;
    private final PackageLedger ledger;
    private final RouteLedger routes;
    private final TransactionalOperator transaction;

    DeliveryStore(DatabaseClient db, Outbox outbox, Packages packages, PackageLedger ledger, RouteLedger routes,
            ReactiveTransactionManager transactions) {
        this.routes = routes;
        this.packages = packages;
        this.db = db;
        this.outbox = outbox;
        this.ledger = ledger;
        this.transaction = TransactionalOperator.create(transactions);
    }

    /** An earlier upload, found by its key (from the same driver) or its fingerprint. */
    record Earlier(String id, String fingerprint) {
    }

    Mono<StopRow> stop(String stopId) {
        return db.sql("""
                        SELECT s.id, s.route_id, s.lat, s.lon, s.status, s.version, r.driver_id,
                            r.status = 'IN_PROGRESS' AS route_in_progress, r.status AS route_status
                        FROM stops s JOIN routes r ON r.id = s.route_id
                        WHERE s.id = :id""")
                .bind("id", stopId)
                .map(r -> new StopRow(r.get("id", String.class), r.get("route_id", String.class),
                        new GeoPoint(r.get("lat", Double.class), r.get("lon", Double.class)),
                        r.get("status", String.class), r.get("version", Integer.class),
                        r.get("driver_id", String.class), r.get("route_in_progress", Boolean.class),
                        r.get("route_status", String.class)))
                .one();
    }

    /** An earlier upload with the same key from this driver or with the same fingerprint (that one first). */
    Mono<Earlier> earlier(String driverId, String idempotencyKey, String fingerprint) {
        return db.sql("""
                        SELECT id, fingerprint FROM deliveries
                        WHERE fingerprint = :fingerprint OR (driver_id = :driver AND idempotency_key = :key)
                        ORDER BY (fingerprint = :fingerprint) DESC
                        LIMIT 1""")
                .bind("fingerprint", fingerprint).bind("driver", driverId)
                .bind("key", idempotencyKey == null ? "" : idempotencyKey)
                .map(r -> new Earlier(r.get("id", String.class), r.get("fingerprint", String.class)))
                .one();
    }

    Mono<Void> write(NewDelivery delivery) {
        DeliveryDraft draft = delivery.draft();
        List<String> ids = draft.packages().stream().map(PackageOutcome::trackingId).toList();
        return insertDelivery(delivery)
                .then(packages.lockAtStop(delivery.stop().id(), ids))
                .flatMap(held -> Flux.fromIterable(draft.packages()).index()
                        .concatMap(p -> attempt(delivery, p.getT2(), p.getT1().intValue(), held))
                        .then())
                .then(routes.completeStop(delivery.stop().id()))
                .as(transaction::transactional);
    }

    private Mono<Void> insertDelivery(NewDelivery delivery) {
        return db.sql("""
                        INSERT INTO deliveries (id, stop_id, driver_id, idempotency_key, fingerprint, captured_at)
                        VALUES (:id, :stop, :driver, :key, :fingerprint, :captured)""")
                .bind("id", delivery.id()).bind("stop", delivery.stop().id()).bind("driver", delivery.driverId())
                .bind("key", nullable(delivery.idempotencyKey(), String.class))
                .bind("fingerprint", delivery.fingerprint()).bind("captured", delivery.draft().capturedAt())
                .then();
    }

    private Mono<Void> attempt(NewDelivery delivery, PackageOutcome outcome, int index,
            Map<String, HeldPackage> packages) {
        HeldPackage held = packages.get(outcome.trackingId());
        if (held == null) {
            return Mono.error(InvalidInput.of("attempt.packages[" + index + "].trackingId",
                    "is not a package of this stop"));
        }
        if (held.status() == PackageStatus.DELIVERED) {
            return Mono.error(new Conflict("ALREADY_DELIVERED", "Package " + outcome.trackingId()
                    + " was delivered already"));
        }
        PackageTransition move = transition(outcome.outcome());
        if (!move.startsFrom(held.status())) {
            return Mono.error(new Conflict("ILLEGAL_TRANSITION", "Package " + outcome.trackingId() + " is "
                    + held.status() + "; only a package OUT_FOR_DELIVERY can be delivered or attempted"));
        }
        boolean pickup = held.kind() == PackageKind.PICKUP;
        if (pickup ? outcome.outcome() == Outcome.DELIVERED : outcome.outcome() == Outcome.PICKED_UP) {
            return Mono.error(InvalidInput.of("attempt.packages[" + index + "].outcome", pickup
                    ? "must be PICKED_UP or ATTEMPTED for a customer return pickup"
                    : "must be DELIVERED or ATTEMPTED for a package to deliver"));
        }
        String attemptId = Ids.next("att");
        int attempts = held.attempts() + 1;
        return insertAttempt(delivery, outcome, attemptId)
                .then(ledger.attempted(outcome.trackingId(), move, attempts, detail(delivery, outcome, pickup)))
                .then(photos(attemptId, delivery.photos()))
                .then(outbox.append(outcome.trackingId(), event(delivery, outcome, attemptId, attempts)));
    }

    private static PackageTransition transition(Outcome outcome) {
        return switch (outcome) {
            case DELIVERED -> PackageTransition.DELIVER;
            case PICKED_UP -> PackageTransition.PICK_UP;
            case ATTEMPTED -> PackageTransition.ATTEMPT;
        };
    }

    private static String detail(NewDelivery delivery, PackageOutcome outcome, boolean pickup) {
        return switch (outcome.outcome()) {
            case DELIVERED -> "Delivered: " + delivery.draft().place();
            case PICKED_UP -> "Picked up from the customer: " + delivery.draft().place();
            case ATTEMPTED -> (pickup ? "Pickup attempted: " : "Delivery attempted: ") + outcome.reason();
        };
    }

    private static Record event(NewDelivery delivery, PackageOutcome outcome, String attemptId, int attempts) {
        DeliveryDraft draft = delivery.draft();
        return switch (outcome.outcome()) {
            case DELIVERED -> new PackageDelivered(outcome.trackingId(), attemptId, delivery.stop().id(),
                    delivery.stop().routeId(), delivery.driverId(), draft.place(), draft.capturedAt());
            case PICKED_UP -> new PackagePickedUp(outcome.trackingId(), attemptId, delivery.stop().id(),
                    delivery.stop().routeId(), delivery.driverId(), draft.place(), draft.capturedAt());
            case ATTEMPTED -> new PackageAttempted(outcome.trackingId(), attemptId, delivery.stop().id(),
                    delivery.stop().routeId(), delivery.driverId(), outcome.reason(), attempts, draft.capturedAt());
        };
    }

    private Mono<Void> insertAttempt(NewDelivery delivery, PackageOutcome outcome, String attemptId) {
        DeliveryDraft draft = delivery.draft();
        GeoPoint position = draft.position();
        return db.sql("""
                        INSERT INTO delivery_attempts (id, stop_id, tracking_id, driver_id, outcome, place, reason,
                            lat, lon, accuracy_m, recipient_name, captured_at, flags, idempotency_key, delivery_id)
                        VALUES (:id, :stop, :tracking, :driver, :outcome, :place, :reason, :lat, :lon, :accuracy,
                            :recipient, :captured, :flags, :key, :delivery)""")
                .bind("id", attemptId).bind("stop", delivery.stop().id()).bind("tracking", outcome.trackingId())
                .bind("driver", delivery.driverId()).bind("outcome", outcome.outcome().name())
                .bind("place", draft.place().name())
                .bind("captured", draft.capturedAt()).bind("delivery", delivery.id())
                .bind("flags", delivery.flags().stream().map(Enum::name).toArray(String[]::new))
                .bind("reason", nullable(outcome.reason() == null ? null : outcome.reason().name(), String.class))
                .bind("lat", nullable(position == null ? null : position.lat(), Double.class))
                .bind("lon", nullable(position == null ? null : position.lon(), Double.class))
                .bind("accuracy", nullable(draft.accuracyMeters(), Double.class))
                .bind("recipient", nullable(draft.recipientName(), String.class))
                .bind("key", nullable(delivery.idempotencyKey(), String.class))
                .then();
    }

    private Mono<Void> photos(String attemptId, List<InspectedPhoto> photos) {
        return Flux.range(0, photos.size()).concatMap(i -> {
            InspectedPhoto photo = photos.get(i);
            ExifReading exif = photo.exif();
            return db.sql("""
                            INSERT INTO proof_of_delivery (id, attempt_id, n, kind, sha256, content_type, size_bytes,
                                width_px, height_px, exif_lat, exif_lon, exif_time, blob_key, customer_blob_key)
                            VALUES (:id, :attempt, :n, :kind, :sha, :type, :size, :w, :h, :lat, :lon, :time, :blob,
                                :customer)""")
                    .bind("id", Ids.next("pod")).bind("attempt", attemptId).bind("n", i + 1)
                    .bind("kind", photo.upload().signature() ? "SIGNATURE" : "PHOTO").bind("sha", photo.sha256())
                    .bind("type", photo.header().contentType()).bind("size", (long) photo.upload().bytes().length)
                    .bind("w", photo.header().width()).bind("h", photo.header().height())
                    .bind("blob", photo.originalKey()).bind("customer", photo.customerKey())
                    .bind("lat", nullable(exif.position() == null ? null : exif.position().lat(), Double.class))
                    .bind("lon", nullable(exif.position() == null ? null : exif.position().lon(), Double.class))
                    .bind("time", nullable(exif.time(), OffsetDateTime.class))
                    .then();
        }).then();
    }
}
