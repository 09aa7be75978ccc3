package dev.doorstep.notifications.push;

import dev.doorstep.dispatch.blocks.Blocks;
import dev.doorstep.dispatch.jobs.PeriodicJob;
import dev.doorstep.dispatch.outbox.Outbox;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Raises a {@link BlockReminderDue} event for each claimed block starting within {@code reminder-lead}:
 * once per block, driver and start time whatever the number of nodes scanning (the block_reminders key).
 */
@Component
class BlockReminders implements PeriodicJob {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Outbox outbox;
    private final PushSettings settings;
    private final Blocks blocks;

    BlockReminders(DatabaseClient db, ReactiveTransactionManager transactions, Outbox outbox, PushSettings settings,
            Blocks blocks) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.outbox = outbox;
        this.settings = settings;
        this.blocks = blocks;
    }

    /** Scans on the nodes that push ({@code doorstep.notifications.push.enabled}). */
    @Override
    public Schedule schedule() {
        return Schedule.every(settings.reminderScanInterval(), "Block reminder scan", this::raiseDue)
                .onlyIf(settings.enabled());
    }

    /** Raises the reminders due at {@code now}; emits how many this scan raised. */
    Mono<Integer> raiseDue(Instant now) {
        return blocks.claimedStartingWithin(now, now.plus(settings.reminderLead()))
                .map(b -> new BlockReminderDue(b.id(), b.stationId(), b.driverId(), b.startsAt().toInstant()))
                .concatMap(this::raise)
                .reduce(0, Integer::sum);
    }

    private Mono<Integer> raise(BlockReminderDue due) {
        return transaction.transactional(db.sql("""
                        INSERT INTO block_reminders (block_id, driver_id, starts_at)
                        VALUES (:block, :driver, :starts) ON CONFLICT DO NOTHING""")
                .bind("block", due.blockId())
                .bind("driver", due.driverId())
                .bind("starts", due.startsAt().atOffset(java.time.ZoneOffset.UTC))
                .fetch().rowsUpdated()
                .flatMap(raised -> raised == 0 ? Mono.just(0) : outbox.append(due.blockId(), due).thenReturn(1)));
    }
}
