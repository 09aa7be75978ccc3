package dev.doorstep.dispatch.blocks;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.events.BlockForfeited;
import dev.doorstep.dispatch.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** A Flex driver's own blocks: list, forfeit, standing. Another driver's block is "not found". */
@Component
public class MyBlocks {

    /** How far back a driver's past blocks and standing reach. */
    static final Duration LOOKBACK = Duration.ofDays(30);

    private final DatabaseClient db;
    private final FlexDrivers drivers;
    private final BlockSweep sweep;
    private final Outbox outbox;
    private final TransactionalOperator transaction;
    private final BlockSettings settings;
    private final Clock clock;

    MyBlocks(DatabaseClient db, FlexDrivers drivers, BlockSweep sweep, Outbox outbox,
            ReactiveTransactionManager transactions, BlockSettings settings, Clock clock) {
        this.db = db;
        this.drivers = drivers;
        this.sweep = sweep;
        this.outbox = outbox;
        this.transaction = TransactionalOperator.create(transactions);
        this.settings = settings;
        this.clock = clock;
    }

    /** Upcoming and past blocks of the driver (the last 30 days), by start. */
    public Mono<List<Block>> list(String driverId) {
        return drivers.homeStation(driverId)
                .then(sweep.ofDriver(driverId))
                .then(db.sql(BlockRows.SELECT + """
                                WHERE b.driver_id = :driver AND b.starts_at > :since
                                ORDER BY b.starts_at, b.id""")
                        .bind("driver", driverId)
                        .bind("since", clock.instant().minus(LOOKBACK))
                        .map(BlockRows::block)
                        .all()
                        .collectList());
    }

    /** Gives the block back; free before the cut-off, a late forfeit after it. It is on offer again at once. */
    public Mono<Block> forfeit(String blockId, String driverId) {
        Instant now = clock.instant();
        return sweep.ofBlock(blockId)
                .then(BlockRows.ownedBy(db, blockId, driverId))
                .flatMap(block -> block.status() != BlockStatus.CLAIMED
                        ? Mono.error(new Conflict("NOT_FORFEITABLE", "Block " + blockId + " is " + block.status()))
                        : giveBack(block, driverId, now,
                                now.isAfter(block.startsAt().toInstant().minus(settings.forfeitCutoff()))))
                .as(transaction::transactional);
    }

    private Mono<Block> giveBack(Block block, String driverId, Instant now, boolean late) {
        return db.sql("""
                        UPDATE blocks SET status = 'OFFERED', driver_id = NULL, claimed_at = NULL,
                        version = version + 1 WHERE id = :id AND driver_id = :driver AND status = 'CLAIMED'""")
                .bind("id", block.id())
                .bind("driver", driverId)
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == 0
                        ? Mono.error(new Conflict("NOT_FORFEITABLE", "Block " + block.id() + " changed meanwhile"))
                        : db.sql("""
                                        INSERT INTO block_forfeits (block_id, driver_id, at, late)
                                        VALUES (:id, :driver, :at, :late)""")
                                .bind("id", block.id()).bind("driver", driverId).bind("at", now).bind("late", late)
                                .then())
                .then(outbox.append(block.id(), new BlockForfeited(block.id(), block.stationId(), driverId,
                        late)))
                .then(Mono.defer(() -> BlockRows.byId(db, block.id())))
                .flatMap(offered -> outbox.append(offered.id(), BlockEvents.offered(offered)).thenReturn(offered));
    }

    /** Completed blocks, late forfeits and no-shows of the last 30 days, for a Flex driver. */
    public Mono<Standing> standing(String driverId) {
        Instant since = clock.instant().minus(LOOKBACK);
        return drivers.homeStation(driverId)
                .then(sweep.ofDriver(driverId))
                .then(db.sql("""
                                SELECT
                                (SELECT count(*) FROM blocks WHERE driver_id = :driver AND status = 'COMPLETED'
                                AND starts_at > :since) AS completed,
                                (SELECT count(*) FROM block_forfeits WHERE driver_id = :driver AND late
                                AND at > :since) AS late,
                                (SELECT count(*) FROM blocks WHERE driver_id = :driver AND status = 'NO_SHOW'
                                AND starts_at > :since) AS no_shows""")
                        .bind("driver", driverId)
                        .bind("since", since)
                        .map(row -> new Standing(driverId, row.get("completed", Long.class).intValue(),
                                row.get("late", Long.class).intValue(), row.get("no_shows", Long.class).intValue()))
                        .one())
                .switchIfEmpty(Mono.error(() -> new NotFound("driver", driverId)));
    }
}
