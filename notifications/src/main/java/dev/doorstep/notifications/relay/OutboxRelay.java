package dev.doorstep.notifications.relay;

import dev.doorstep.dispatch.jobs.PeriodicJob;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Moves committed outbox rows to the event stream, in batches, on every app node at once: each round locks
 * its rows with {@code FOR UPDATE SKIP LOCKED}, appends them to the stream and marks them relayed in the same
 * transaction. A crash after the append and before the commit appends them again later, which consumers
 * tolerate (they deduplicate by event id).
 */
@Component
public class OutboxRelay implements PeriodicJob {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final EventStream stream;
    private final RelaySettings settings;
    private final Clock clock;

    OutboxRelay(DatabaseClient db, ReactiveTransactionManager transactions, EventStream stream,
            RelaySettings settings, Clock clock) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.stream = stream;
        this.settings = settings;
        this.clock = clock;
    }

    /** Relays one batch; emits how many rows it moved. */
    public Mono<Integer> relayBatch() {
        return transaction.transactional(lockPending().collectList().flatMap(this::appendAndMark));
    }

    /** Relays batches until the outbox holds no unrelayed row (that this node can lock); emits the total. */
    public Mono<Integer> relayAll() {
        return relayBatch()
                .expand(moved -> moved < settings.batchSize() ? Mono.empty() : relayBatch())
                .reduce(0, Integer::sum);
    }

    private Flux<OutboxEvent> lockPending() {
        return db.sql("SELECT id, event_type, aggregate_id, payload::text AS payload, occurred_at FROM outbox "
                        + "WHERE relayed_at IS NULL ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED")
                .bind("limit", settings.batchSize())
                .map(this::event)
                .all();
    }

    private Mono<Integer> appendAndMark(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Mono.just(0);
        }
        Long[] ids = events.stream().map(OutboxEvent::id).toArray(Long[]::new);
        return Flux.fromIterable(events).concatMap(stream::append)
                .then(db.sql("UPDATE outbox SET relayed_at = now() WHERE id = ANY(:ids)").bind("ids", ids).then())
                .thenReturn(events.size());
    }

    private OutboxEvent event(Readable row) {
        OffsetDateTime at = row.get("occurred_at", OffsetDateTime.class);
        return new OutboxEvent(row.get("id", Long.class), row.get("event_type", String.class),
                row.get("aggregate_id", String.class), row.get("payload", String.class),
                at == null ? clock.instant() : at.toInstant());
    }

    /** Rounds on the nodes that relay ({@code doorstep.notifications.relay.enabled}). */
    @Override
    public Schedule schedule() {
        return Schedule.every(settings.interval(), "Outbox relay round", now -> relayAll())
                .onlyIf(settings.enabled())
                .firstDoing(stream::connectNow);
    }

}
