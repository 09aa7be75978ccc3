package dev.doorstep.dispatch.returns;

import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.events.PackageReturnToSender;
import dev.doorstep.dispatch.events.PackageReturned;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.dispatch.packages.PackageStatus;
import dev.doorstep.dispatch.stations.Stations;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Station ops scan what drivers bring back. Each package is RETURNED_TO_STATION, then due again on a later day's plan
 * (AT_STATION, its window moved by whole days) while it has had fewer than the maximum attempts, or RETURN_TO_SENDER
 * after the last one or at once when refused or the address is wrong. A customer return that was picked up is simply
 * RETURNED_TO_STATION, for good. One transaction per package, with its events.
 */
@Component
public class Returns {

    /** Largest scan accepted in one call. */
    public static final int MAX_SCAN = 1_000;
    private static final Set<String> RETURNABLE = Set.of("ATTEMPTED", "OUT_FOR_DELIVERY", "MISSING");
    /** A customer return is scanned in once picked up (or when it was missing); a failed pickup was never in the van. */
    private static final Set<String> PICKUP_RETURNABLE = Set.of("PICKED_UP", "MISSING");
    private static final Set<String> FINAL_REASONS = Set.of("REFUSED", "WRONG_ADDRESS");

    private final DatabaseClient db;
    private final Stations stations;
    private final Outbox outbox;
    private final ReturnsSettings settings;
    private final TransactionalOperator transaction;

    Returns(DatabaseClient db, Stations stations, Outbox outbox, ReturnsSettings settings,
            ReactiveTransactionManager transactions) {
        this.db = db;
        this.stations = stations;
        this.outbox = outbox;
        this.settings = settings;
        this.transaction = TransactionalOperator.create(transactions);
    }

    public Mono<ReturnReport> scan(String stationId, List<String> trackingIds) {
        if (trackingIds == null || trackingIds.isEmpty() || trackingIds.size() > MAX_SCAN) {
            return Mono.error(InvalidInput.of("trackingIds", "must list 1 to " + MAX_SCAN + " tracking ids"));
        }
        for (int i = 0; i < trackingIds.size(); i++) {
            if (trackingIds.get(i) == null || trackingIds.get(i).isBlank()) {
                return Mono.error(InvalidInput.of("trackingIds[" + i + "]", "must not be blank"));
            }
        }
        return stations.get(stationId)
                .thenMany(Flux.fromIterable(trackingIds).distinct()
                        .concatMap(id -> returned(stationId, id).as(transaction::transactional)))
                .collectList()
                .map(ReturnReport::of);
    }

    private record Scanned(String status, int attempts, String lastReason, boolean pickup) {

        boolean returnable() {
            return (pickup ? PICKUP_RETURNABLE : RETURNABLE).contains(status);
        }
    }

    private Mono<ReturnResult> returned(String stationId, String trackingId) {
        return db.sql("SELECT p.status, p.attempts, p.kind, (SELECT a.reason FROM delivery_attempts a "
                        + "WHERE a.tracking_id = p.tracking_id ORDER BY a.received_at DESC, a.id DESC LIMIT 1) AS last_reason FROM packages p "
                        + "WHERE p.tracking_id = :id AND p.station_id = :station FOR UPDATE")
                .bind("id", trackingId).bind("station", stationId)
                .map(r -> new Scanned(r.get("status", String.class), r.get("attempts", Integer.class),
                        r.get("last_reason", String.class), "PICKUP".equals(r.get("kind", String.class))))
                .one()
                .flatMap(p -> !p.returnable() ? Mono.just(new ReturnResult(trackingId, ReturnOutcome.NOT_RETURNABLE,
                                PackageStatus.valueOf(p.status()), p.attempts()))
                        : p.pickup() ? received(stationId, trackingId, p)
                        : decided(stationId, trackingId, p))
                .defaultIfEmpty(new ReturnResult(trackingId, ReturnOutcome.NOT_FOUND, null, null));
    }

    private Mono<ReturnResult> received(String stationId, String trackingId, Scanned p) {
        return db.sql("UPDATE packages SET status = 'RETURNED_TO_STATION', version = version + 1, updated_at = now() "
                        + "WHERE tracking_id = :id")
                .bind("id", trackingId).then()
                .then(event(trackingId, PackageStatus.RETURNED_TO_STATION, "Customer return received at station "
                        + stationId))
                .then(outbox.append(trackingId, new PackageReturned(trackingId, stationId, p.attempts(),
                        ReturnOutcome.PICKUP_RECEIVED)))
                .thenReturn(new ReturnResult(trackingId, ReturnOutcome.PICKUP_RECEIVED,
                        PackageStatus.RETURNED_TO_STATION, p.attempts()));
    }

    private Mono<ReturnResult> decided(String stationId, String trackingId, Scanned p) {
        boolean toSender = p.attempts() >= settings.maxAttempts()
                || (p.lastReason() != null && FINAL_REASONS.contains(p.lastReason()));
        ReturnOutcome next = toSender ? ReturnOutcome.RETURN_TO_SENDER : ReturnOutcome.REATTEMPT;
        PackageStatus status = toSender ? PackageStatus.RETURN_TO_SENDER : PackageStatus.AT_STATION;
        String why = p.attempts() >= settings.maxAttempts() ? "MAX_ATTEMPTS" : p.lastReason();
        String detail = toSender ? "Returning to sender (" + why + ")"
                : "Due again on a later day (attempt " + (p.attempts() + 1) + " of " + settings.maxAttempts() + ")";
        // A reattempt keeps its hours, moved by whole days to the next day still ahead.
        String window = toSender ? "" : ", window_from = window_from + shift, window_to = window_to + shift";
        return db.sql("WITH d AS (SELECT interval '1 day' * GREATEST(1, CEIL(EXTRACT(EPOCH FROM now() - window_to) "
                        + "/ 86400)) AS shift FROM packages WHERE tracking_id = :id) UPDATE packages SET status = :status"
                        + window + ", version = version + 1, updated_at = now() FROM d WHERE tracking_id = :id")
                .bind("status", status.name()).bind("id", trackingId).then()
                .then(event(trackingId, PackageStatus.RETURNED_TO_STATION, "Returned to station " + stationId))
                .then(event(trackingId, status, detail))
                .then(outbox.append(trackingId, new PackageReturned(trackingId, stationId, p.attempts(), next)))
                .then(toSender ? outbox.append(trackingId,
                        new PackageReturnToSender(trackingId, stationId, p.attempts(), why)) : Mono.empty())
                .thenReturn(new ReturnResult(trackingId, next, status, p.attempts()));
    }

    private Mono<Void> event(String trackingId, PackageStatus status, String detail) {
        return db.sql("INSERT INTO package_events (tracking_id, status, detail) VALUES (:id, :status, :detail)")
                .bind("id", trackingId).bind("status", status.name()).bind("detail", detail).then();
    }
}
