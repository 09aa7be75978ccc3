package dev.doorstep.notifications.push;

import dev.doorstep.dispatch.outbox.Outbox;
import java.time.OffsetDateTime;
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
class BlockReminders {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Outbox outbox;
    private final PushSettings settings;

    BlockReminders(DatabaseClient db, ReactiveTransactionManager transactions, Outbox outbox, PushSettings settings) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.outbox = outbox;
        this.settings = settings;
    }

    /** Emits how many reminders this scan raised. */
    Mono<Integer> raiseDue() {
        return db.sql("SELECT id, station_id, driver_id, starts_at FROM blocks WHERE status = 'CLAIMED' "
                        + "AND starts_at > now() AND starts_at <= now() + make_interval(secs => :lead)")
                .bind("lead", (double) settings.reminderLead().toSeconds())
                .map(row -> new BlockReminderDue(row.get("id", String.class), row.get("station_id", String.class),
                        row.get("driver_id", String.class), row.get("starts_at", OffsetDateTime.class).toInstant()))
                .all()
                .concatMap(this::raise)
                .reduce(0, Integer::sum);
    }

    private Mono<Integer> raise(BlockReminderDue due) {
        return transaction.transactional(db.sql("INSERT INTO block_reminders (block_id, driver_id, starts_at) "
                        + "VALUES (:block, :driver, :starts) ON CONFLICT DO NOTHING")
                .bind("block", due.blockId())
                .bind("driver", due.driverId())
                .bind("starts", due.startsAt().atOffset(java.time.ZoneOffset.UTC))
                .fetch().rowsUpdated()
                .flatMap(raised -> raised == 0 ? Mono.just(0) : outbox.append(due.blockId(), due).thenReturn(1)));
    }
}
