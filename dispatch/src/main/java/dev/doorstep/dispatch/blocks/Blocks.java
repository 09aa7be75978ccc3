package dev.doorstep.dispatch.blocks;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.events.BlockCancelled;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.dispatch.paging.Page;
import dev.doorstep.dispatch.paging.PageRequest;
import dev.doorstep.dispatch.routes.ledger.RouteLedger;
import dev.doorstep.dispatch.stations.Stations;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Flex blocks as station operations see them: create, list, read, cancel. */
@Component
public class Blocks {

    private final DatabaseClient db;
    private final Stations stations;
    private final Outbox outbox;
    private final BlockSweep sweep;
    private final RouteLedger routes;
    private final TransactionalOperator transaction;
    private final Clock clock;

    Blocks(DatabaseClient db, Stations stations, Outbox outbox, BlockSweep sweep, RouteLedger routes,
            ReactiveTransactionManager transactions, Clock clock) {
        this.routes = routes;
        this.db = db;
        this.stations = stations;
        this.outbox = outbox;
        this.sweep = sweep;
        this.transaction = TransactionalOperator.create(transactions);
        this.clock = clock;
    }

    /** Creates {@code count} identical blocks, each offered at once; a route can go with a single block. */
    public Mono<List<Block>> create(String stationId, BlockDraft draft) {
        if (!draft.startsAt().toInstant().isAfter(clock.instant())) {
            return Mono.error(InvalidInput.of("startsAt", "must be in the future"));
        }
        if (draft.routeId() != null && draft.copies() != 1) {
            return Mono.error(InvalidInput.of("count", "must be 1 when the block carries a route"));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < draft.copies(); i++) {
            ids.add(Ids.next("blk"));
        }
        return stations.get(stationId)
                .thenMany(Flux.fromIterable(ids).concatMap(id -> insert(id, stationId, draft)))
                .then(draft.routeId() == null ? Mono.empty() : attachRoute(ids.get(0), stationId, draft.routeId()))
                .thenMany(Flux.fromIterable(ids).concatMap(id -> BlockRows.byId(db, id)))
                .concatMap(block -> outbox.append(block.id(), BlockEvents.offered(block)).thenReturn(block))
                .collectList()
                .as(transaction::transactional);
    }

    /** A block of the station; a block of another station is "not found". */
    public Mono<Block> get(String stationId, String blockId) {
        return sweep.ofBlock(blockId)
                .then(BlockRows.byId(db, blockId))
                .filter(block -> block.stationId().equals(stationId))
                .switchIfEmpty(Mono.error(() -> new NotFound("block", blockId)));
    }

    /** The block as it is stored now, or empty: a plain read, no sweep (for checks whether a push still matters). */
    public Mono<Block> find(String blockId) {
        return BlockRows.byId(db, blockId);
    }

    /** The blocks among {@code blockIds} that exist (one query for all: the push pipeline's staleness checks). */
    public Flux<Block> findAll(Collection<String> blockIds) {
        if (blockIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql(BlockRows.SELECT + "WHERE b.id = ANY(:ids)")
                .bind("ids", blockIds.toArray(String[]::new))
                .map(BlockRows::block)
                .all();
    }

    /** The CLAIMED blocks starting after {@code from} and no later than {@code until}. */
    public Flux<Block> claimedStartingWithin(Instant from, Instant until) {
        return db.sql(BlockRows.SELECT + "WHERE b.status = 'CLAIMED' AND b.starts_at > :from AND b.starts_at <= :until")
                .bind("from", from.atOffset(ZoneOffset.UTC))
                .bind("until", until.atOffset(ZoneOffset.UTC))
                .map(BlockRows::block)
                .all();
    }

    /** A station's blocks, ordered by id for keyset paging. */
    public Mono<Page<Block>> list(String stationId, PageRequest page) {
        return stations.get(stationId)
                .then(sweep.everything())
                .then(db.sql(BlockRows.SELECT + "WHERE b.station_id = :station AND b.id > :after ORDER BY b.id LIMIT :limit")
                        .bind("station", stationId)
                        .bind("after", page.after())
                        .bind("limit", page.limit() + 1)
                        .map(BlockRows::block)
                        .all()
                        .collectList())
                .map(rows -> Page.of(rows, page, Block::id));
    }

    /**
     * Cancels a block that nobody has started; a driver holding it is told through the outbox event and
     * its route goes back to the station.
     */
    public Mono<Block> cancel(String stationId, String blockId) {
        return get(stationId, blockId)
                .flatMap(before -> db.sql("""
                                UPDATE blocks SET status = 'CANCELLED', driver_id = NULL,
                                version = version + 1 WHERE id = :id AND status IN ('OFFERED', 'CLAIMED')""")
                        .bind("id", blockId)
                        .fetch().rowsUpdated()
                        .flatMap(updated -> updated == 0
                                ? Mono.error(new Conflict("NOT_CANCELLABLE", "Block " + blockId + " is "
                                        + before.status() + " and can no longer be cancelled"))
                                : routes.releaseBlock(blockId).then(outbox.append(blockId, new BlockCancelled(
                                        blockId, before.stationId(), before.driverId(), before.startsAt())))))
                .then(Mono.defer(() -> BlockRows.byId(db, blockId)))
                .as(transaction::transactional);
    }

    private Mono<Void> insert(String id, String stationId, BlockDraft draft) {
        return db.sql("""
                        INSERT INTO blocks (id, station_id, starts_at, duration_minutes, pay_amount, pay_currency,
                        service_type) VALUES (:id, :station, :start, :minutes, :amount, :currency, :type)""")
                .bind("id", id)
                .bind("station", stationId)
                .bind("start", draft.startsAt())
                .bind("minutes", draft.durationMinutes())
                .bind("amount", draft.pay().amount())
                .bind("currency", draft.pay().currency())
                .bind("type", draft.serviceType().name())
                .then();
    }

    private Mono<Void> attachRoute(String blockId, String stationId, String routeId) {
        return routes.attachBlock(blockId, stationId, routeId)
                .flatMap(updated -> updated == 0
                        ? Mono.error(InvalidInput.of("routeId", "no unassigned planned route of this station has this id"))
                        : Mono.empty());
    }
}
