package dev.doorstep.dispatch.outbox;

import io.r2dbc.postgresql.codec.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cross-module events, written in the caller's transaction so that an event exists exactly when the
 * change it reports was committed. The notifications module relays them.
 */
@Component
public class Outbox {

    private final DatabaseClient db;
    private final JsonMapper json;

    Outbox(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Appends {@code event}, a record named by its {@link EventType} (such as {@code BlockClaimed}). */
    public Mono<Void> append(String aggregateId, Record event) {
        return db.sql("INSERT INTO outbox (event_type, aggregate_id, payload) VALUES (:type, :aggregate, :payload)")
                .bind("type", EventTypes.nameOf(event))
                .bind("aggregate", aggregateId)
                .bind("payload", Json.of(json.writeValueAsBytes(event)))
                .then();
    }

    /** Appends each event in order, keyed by {@code aggregateId}; answers how many were written. */
    public <E extends Record> Mono<Long> appendAll(List<E> events, Function<E, String> aggregateId) {
        return Flux.fromIterable(events)
                .concatMap(event -> append(aggregateId.apply(event), event))
                .then(Mono.just((long) events.size()));
    }

    /**
     * Locks the oldest {@code limit} rows not relayed yet, in the caller's transaction; rows locked by another
     * transaction are skipped ({@code FOR UPDATE SKIP LOCKED}), so every node may relay at once.
     */
    public Flux<UnrelayedEvent> lockUnrelayed(int limit) {
        return db.sql("""
                        SELECT id, event_type, aggregate_id, payload::text AS payload, occurred_at FROM outbox
                        WHERE relayed_at IS NULL ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("limit", limit)
                .map(row -> new UnrelayedEvent(row.get("id", Long.class), row.get("event_type", String.class),
                        row.get("aggregate_id", String.class), row.get("payload", String.class),
                        row.get("occurred_at", OffsetDateTime.class)))
                .all();
    }

    /** Marks these rows relayed, in the caller's transaction. */
    public Mono<Void> markRelayed(List<Long> ids) {
        return db.sql("UPDATE outbox SET relayed_at = now() WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(Long[]::new))
                .then();
    }

    /** Deletes up to {@code batch} of the oldest rows relayed before {@code before}; emits how many went. */
    public Mono<Long> deleteRelayedBefore(Instant before, int batch) {
        return db.sql("""
                        DELETE FROM outbox WHERE id IN (SELECT id FROM outbox
                        WHERE relayed_at < :before ORDER BY id LIMIT :batch)""")
                .bind("before", before.atOffset(ZoneOffset.UTC))
                .bind("batch", batch)
                .fetch().rowsUpdated();
    }

    /** How many rows wait for the relay, and when the oldest of them occurred (for the relay-lag gauges). */
    public Mono<OutboxBacklog> backlog() {
        return db.sql("SELECT count(*) AS waiting, min(occurred_at) AS oldest FROM outbox WHERE relayed_at IS NULL")
                .map(row -> {
                    OffsetDateTime oldest = row.get("oldest", OffsetDateTime.class);
                    return new OutboxBacklog(row.get("waiting", Long.class), oldest == null ? null : oldest.toInstant());
                })
                .one();
    }
}
