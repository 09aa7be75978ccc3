package dev.doorstep.notifications.push;

import dev.doorstep.notifications.relay.Coalescer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The send record of each (event, token): claimed in state SENDING before the push goes out, finished
 * (SENT, LOGGED, FAILED, GAVE_UP, DROPPED) after. A claim is this node's until its lease runs out without
 * renewal; then another node may take it over (the node that held it crashed mid-send).
 */
@Component
class SendRecords {

    enum State { SENT, LOGGED, FAILED, GAVE_UP, DROPPED }

    /** Most claims or finishes in one statement. */
    private static final int MAX_BATCH = 500;
    /** Statements of each kind running at once (each holds one pooled connection). */
    private static final int MAX_IN_FLIGHT = 4;

    private final DatabaseClient db;
    private final Coalescer<Finish, Boolean> finishes = new Coalescer<>(MAX_BATCH, MAX_IN_FLIGHT, this::finishAll);

    SendRecords(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Claims, for each of {@code claims}, the tokens that no node has sent to yet for its event; emits, in the same
     * order, those now owned by the claim's node. One statement per {@value #MAX_BATCH} claims (the pushes of a
     * stream read's events); each is decided as if alone.
     */
    Mono<List<Set<String>>> claimTogether(List<Claim> claims) {
        return Flux.fromIterable(claims).buffer(MAX_BATCH).concatMap(this::claimAll)
                .reduce(new ArrayList<Set<String>>(claims.size()), (all, some) -> {
                    all.addAll(some);
                    return all;
                })
                .map(List::copyOf);
    }

    /** A claim of {@code tokens} of one event by {@code node}, for {@code lease}. */
    record Claim(long eventId, List<String> tokens, String node, Duration lease) {
    }

    /** One send record's key. */
    record Key(long eventId, String token) {
    }

    /** The claims of one batch, one statement per node and lease (in practice one: this node's). */
    private Mono<List<Set<String>>> claimAll(List<Claim> batch) {
        Map<List<Object>, List<Claim>> groups = batch.stream().collect(Collectors.groupingBy(
                c -> List.of(c.node(), c.lease()), LinkedHashMap::new, Collectors.toList()));
        return Flux.fromIterable(groups.values()).concatMap(this::claimGroup)
                .reduce(new IdentityHashMap<Claim, Set<String>>(), (all, some) -> {
                    all.putAll(some);
                    return all;
                })
                .map(owned -> batch.stream().map(owned::get).toList());
    }

    private Mono<Map<Claim, Set<String>>> claimGroup(List<Claim> group) {
        // One row may be claimed once per statement: the first claim of a pair in the batch asks for it; a later
        // one (the same event delivered twice at once) loses to it, as it would right after it.
        Map<Key, Claim> first = new LinkedHashMap<>();
        group.forEach(c -> c.tokens().forEach(t -> first.putIfAbsent(new Key(c.eventId(), t), c)));
        Claim any = group.get(0);
        return db.sql("""
                        INSERT INTO push_sends (event_id, token, state, claimed_by)
                        SELECT e, t, 'SENDING', :node FROM unnest(CAST(:events AS bigint[]), CAST(:tokens AS text[]))
                        AS u(e, t)
                        ON CONFLICT (event_id, token) DO UPDATE SET claimed_by = EXCLUDED.claimed_by,
                        claimed_at = now() WHERE push_sends.state = 'SENDING'
                        AND push_sends.claimed_at < now() - make_interval(secs => :lease)
                        RETURNING event_id, token""")
                .bind("events", first.keySet().stream().map(Key::eventId).toArray(Long[]::new))
                .bind("tokens", first.keySet().stream().map(Key::token).toArray(String[]::new))
                .bind("node", any.node())
                .bind("lease", (double) any.lease().toMillis() / 1000)
                .map(row -> new Key(row.get("event_id", Long.class), row.get("token", String.class)))
                .all()
                .collectList()
                .map(rows -> {
                    // By identity: the same event delivered twice at once makes two equal claims, one of which owns.
                    Map<Claim, Set<String>> owned = new IdentityHashMap<>();
                    group.forEach(c -> owned.put(c, new HashSet<>()));
                    rows.forEach(key -> owned.get(first.get(key)).add(key.token()));
                    return owned;
                });
    }

    /** Of these tokens, those that another node is sending to right now. */
    Mono<List<String>> inFlightElsewhere(long eventId, Collection<String> tokens, String node) {
        return db.sql("""
                        SELECT token FROM push_sends WHERE event_id = :event AND token = ANY(:tokens)
                        AND state = 'SENDING' AND claimed_by <> :node""")
                .bind("event", eventId)
                .bind("tokens", tokens.toArray(String[]::new))
                .bind("node", node)
                .map(row -> row.get("token", String.class))
                .all()
                .collectList();
    }

    /** Renews this node's lease before another attempt; emits the tokens it still holds. */
    Mono<Set<String>> renew(long eventId, Collection<String> tokens, String node) {
        return db.sql("""
                        UPDATE push_sends SET claimed_at = now() WHERE event_id = :event AND token = ANY(:tokens)
                        AND claimed_by = :node AND state = 'SENDING' RETURNING token""")
                .bind("event", eventId)
                .bind("tokens", tokens.toArray(String[]::new))
                .bind("node", node)
                .map(row -> row.get("token", String.class))
                .all()
                .collect(Collectors.toSet());
    }

    /**
     * Renews this node's lease on every one of {@code keys} still SENDING under its claim, in one statement; emits
     * how many it renewed.
     */
    Mono<Long> renewAll(List<Key> keys, String node) {
        return db.sql("""
                        UPDATE push_sends p SET claimed_at = now()
                        FROM unnest(CAST(:events AS bigint[]), CAST(:tokens AS text[])) AS u(event_id, token)
                        WHERE p.event_id = u.event_id AND p.token = u.token AND p.claimed_by = :node
                        AND p.state = 'SENDING'""")
                .bind("events", keys.stream().map(Key::eventId).toArray(Long[]::new))
                .bind("tokens", keys.stream().map(Key::token).toArray(String[]::new))
                .bind("node", node)
                .fetch().rowsUpdated();
    }

    /** Gives up this node's unfinished claims, so that the next delivery of the event claims them afresh. */
    Mono<Void> release(long eventId, Collection<String> tokens, String node) {
        return db.sql("""
                        DELETE FROM push_sends WHERE event_id = :event AND token = ANY(:tokens) AND claimed_by = :node
                        AND state = 'SENDING'""")
                .bind("event", eventId)
                .bind("tokens", tokens.toArray(String[]::new))
                .bind("node", node)
                .then();
    }

    /**
     * Records how this node's claim on (event, token) ended; a no-op when the claim is no longer this node's. Finishes
     * made at the same time go to the database together, in one statement.
     */
    Mono<Void> finish(long eventId, String token, String node, State state, int attempts, String messageId,
            String error) {
        return finish(Finish.of(eventId, token, node, state, attempts, messageId, error));
    }

    /** As {@link #finish(long, String, String, State, int, String, String)}. */
    Mono<Void> finish(Finish finished) {
        return finishes.submit(finished).then();
    }

    /** Records all these outcomes, in one statement per {@value #MAX_BATCH}. */
    Mono<Void> finishTogether(List<Finish> finished) {
        return Flux.fromIterable(finished).buffer(MAX_BATCH).concatMap(this::finishAll).then();
    }

    /** How one claim ended. */
    record Finish(long eventId, String token, String node, State state, int attempts, String messageId,
            String error) {

        static Finish of(long eventId, String token, String node, State state, int attempts, String messageId,
                String error) {
            return new Finish(eventId, token, node, state, attempts, messageId, error == null ? null : truncated(error));
        }
    }

    private Mono<List<Boolean>> finishAll(List<Finish> batch) {
        // A row is updated once per statement: of two finishes of one claim in a batch, the first one counts, as
        // it would alone (the second would find the row no longer SENDING).
        Map<Key, Finish> first = new LinkedHashMap<>();
        batch.forEach(f -> first.putIfAbsent(new Key(f.eventId(), f.token()), f));
        List<Finish> rows = List.copyOf(first.values());
        return db.sql("""
                        UPDATE push_sends p SET state = u.state, attempts = u.attempts, message_id = u.message,
                        error = u.error, finished_at = now()
                        FROM unnest(CAST(:events AS bigint[]), CAST(:tokens AS text[]), CAST(:nodes AS text[]),
                        CAST(:states AS text[]), CAST(:attempts AS integer[]), CAST(:messages AS text[]),
                        CAST(:errors AS text[])) AS u(event_id, token, node, state, attempts, message, error)
                        WHERE p.event_id = u.event_id AND p.token = u.token AND p.claimed_by = u.node
                        AND p.state = 'SENDING'""")
                .bind("events", rows.stream().map(Finish::eventId).toArray(Long[]::new))
                .bind("tokens", rows.stream().map(Finish::token).toArray(String[]::new))
                .bind("nodes", rows.stream().map(Finish::node).toArray(String[]::new))
                .bind("states", rows.stream().map(f -> f.state().name()).toArray(String[]::new))
                .bind("attempts", rows.stream().map(Finish::attempts).toArray(Integer[]::new))
                .bind("messages", rows.stream().map(Finish::messageId).toArray(String[]::new))
                .bind("errors", rows.stream().map(Finish::error).toArray(String[]::new))
                .then()
                .thenReturn(batch.stream().map(f -> Boolean.TRUE).toList());
    }

    private static String truncated(String error) {
        return error.length() <= 1000 ? error : error.substring(0, 1000);
    }
}
