package dev.doorstep.notifications.relay;

import dev.doorstep.dispatch.jobs.PeriodicJob;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.dispatch.outbox.UnrelayedEvent;
import java.time.Clock;
import java.util.List;
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

    private final Outbox outbox;
    private final TransactionalOperator transaction;
    private final EventStream stream;
    private final RelaySettings settings;
    private final Clock clock;

    OutboxRelay(Outbox outbox, ReactiveTransactionManager transactions, EventStream stream,
            RelaySettings settings, Clock clock) {
        this.outbox = outbox;
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
        return outbox.lockUnrelayed(settings.batchSize()).map(this::event);
    }

    private Mono<Integer> appendAndMark(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Mono.just(0);
        }
        List<Long> ids = events.stream().map(OutboxEvent::id).toList();
        // One script per partition appends the batch; the rows are marked once Redis has answered them all.
        return stream.appendAll(events)
                .then(outbox.markRelayed(ids))
                .thenReturn(events.size());
    }

    private OutboxEvent event(UnrelayedEvent row) {
        return new OutboxEvent(row.id(), row.type(), row.aggregateId(), row.payload(),
                row.occurredAt() == null ? clock.instant() : row.occurredAt().toInstant());
    }

    /** Rounds on the nodes that relay ({@code doorstep.notifications.relay.enabled}). */
    @Override
    public Schedule schedule() {
        return Schedule.every(settings.interval(), "Outbox relay round", now -> relayAll())
                .onlyIf(settings.enabled());
    }

}
