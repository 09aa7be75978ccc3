package dev.doorstep.dispatch.blocks;

import dev.doorstep.dispatch.events.BlockNoShow;
import dev.doorstep.dispatch.jobs.PeriodicJob;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.dispatch.routes.ledger.RouteLedger;
import java.time.Clock;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Moves held blocks on with time: a claimed block not checked in by the end of the check-in window is a
 * no-show (its route goes back to the station), a checked-in block past its end is completed. Runs on a
 * schedule and before each read of blocks, so a reader never sees a stale state. Conditional updates make
 * the two runs safe together.
 */
@Component
class BlockSweep implements PeriodicJob {

    private final DatabaseClient db;
    private final Outbox outbox;
    private final RouteLedger routes;
    private final TransactionalOperator transaction;
    private final BlockSettings settings;
    private final Clock clock;

    BlockSweep(DatabaseClient db, Outbox outbox, RouteLedger routes, ReactiveTransactionManager transactions,
            BlockSettings settings, Clock clock) {
        this.db = db;
        this.routes = routes;
        this.outbox = outbox;
        this.transaction = TransactionalOperator.create(transactions);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Schedule schedule() {
        return Schedule.every(settings.sweepEvery(), "block sweep", now -> everything());
    }

    Mono<Void> everything() {
        return sweep("TRUE", null);
    }

    Mono<Void> ofDriver(String driverId) {
        return sweep("driver_id = :key", driverId);
    }

    Mono<Void> ofBlock(String blockId) {
        return sweep("id = :key", blockId);
    }

    private Mono<Void> sweep(String where, String key) {
        Instant now = clock.instant();
        return noShows(where, key, now).then(completions(where, key, now)).as(transaction::transactional);
    }

    /** A block its driver did not check in to. */
    private record Missed(String blockId, String stationId, String driverId) {
    }

    private Mono<Void> noShows(String where, String key, Instant now) {
        var update = db.sql("""
                        UPDATE blocks SET status = 'NO_SHOW', version = version + 1
                        WHERE status = 'CLAIMED' AND starts_at < :before AND
                        """ + where + " RETURNING id, station_id, driver_id")
                .bind("before", now.minus(settings.checkInCloses()));
        return (key == null ? update : update.bind("key", key))
                .map(row -> new Missed(row.get("id", String.class), row.get("station_id", String.class),
                        row.get("driver_id", String.class)))
                .all()
                // Read every row before the next statement: one connection runs one statement at a time.
                .collectList()
                .flatMapIterable(rows -> rows)
                .concatMap(b -> routes.releaseBlock(b.blockId())
                        .map(route -> new BlockNoShow(b.blockId(), b.stationId(), b.driverId(), route))
                        .defaultIfEmpty(new BlockNoShow(b.blockId(), b.stationId(), b.driverId(), null)))
                .concatMap(event -> outbox.append(event.blockId(), event))
                .then();
    }

    private Mono<Void> completions(String where, String key, Instant now) {
        var update = db.sql("""
                        UPDATE blocks SET status = 'COMPLETED', version = version + 1
                        WHERE status = 'CHECKED_IN' AND starts_at + duration_minutes * interval '1 minute' <= :now
                        AND
                        """ + where)
                .bind("now", now);
        return (key == null ? update : update.bind("key", key)).then();
    }
}
