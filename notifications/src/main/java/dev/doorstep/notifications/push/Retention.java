package dev.doorstep.notifications.push;

import dev.doorstep.dispatch.jobs.PeriodicJob;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.notifications.relay.RetentionSettings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Deletes the pipeline's old bookkeeping so it does not grow for ever: relayed outbox rows (through the
 * {@link Outbox}, their owner), finished send records and ARRIVING marks. Never an unrelayed event or a send still
 * in flight. Oldest first, in batches (ids and event ids grow with time, so each batch is read off the front of the
 * primary key); every node may run it. It lives beside the push tables, not in the relay, which push depends on.
 */
@Component
public class Retention implements PeriodicJob {

    private static final String SENDS = "DELETE FROM push_sends WHERE (event_id, token) IN (SELECT event_id, token "
            + "FROM push_sends WHERE state <> 'SENDING' AND finished_at < :before ORDER BY event_id LIMIT :batch)";
    private static final String ARRIVING = "DELETE FROM arriving_pushes WHERE (tracking_id, route_id) IN ("
            + "SELECT tracking_id, route_id FROM arriving_pushes WHERE due_at < :before LIMIT :batch)";

    private final DatabaseClient db;
    private final Outbox outbox;
    private final RetentionSettings settings;

    Retention(DatabaseClient db, Outbox outbox, RetentionSettings settings) {
        this.db = db;
        this.outbox = outbox;
        this.settings = settings;
    }

    @Override
    public Schedule schedule() {
        return Schedule.every(settings.every(), "old pipeline records", this::clean);
    }

    /** Deletes what is past its time at {@code now}; emits how many rows went. */
    public Mono<Long> clean(Instant now) {
        return drain(before -> outbox.deleteRelayedBefore(before, settings.batch()), now.minus(settings.outbox()))
                .zipWith(drain(before -> batch(SENDS, before), now.minus(settings.sends())), Long::sum)
                .zipWith(drain(before -> batch(ARRIVING, before), now.minus(settings.sends())), Long::sum);
    }

    /** Runs the batch delete until a batch comes back short. */
    private Mono<Long> drain(Function<Instant, Mono<Long>> batch, Instant before) {
        return batch.apply(before)
                .expand(deleted -> deleted < settings.batch() ? Mono.empty() : batch.apply(before))
                .reduce(0L, Long::sum);
    }

    private Mono<Long> batch(String sql, Instant before) {
        return db.sql(sql)
                .bind("before", before.atOffset(ZoneOffset.UTC))
                .bind("batch", settings.batch())
                .fetch().rowsUpdated();
    }
}
