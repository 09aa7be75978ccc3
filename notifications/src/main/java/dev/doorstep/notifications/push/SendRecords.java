package dev.doorstep.notifications.push;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The send record of each (event, token): claimed in state SENDING before the push goes out, finished
 * (SENT, LOGGED, FAILED, GAVE_UP, DROPPED) after. A claim is this node's until its lease runs out without
 * renewal; then another node may take it over (the node that held it crashed mid-send).
 */
@Component
class SendRecords {

    enum State { SENT, LOGGED, FAILED, GAVE_UP, DROPPED }

    private final DatabaseClient db;

    SendRecords(DatabaseClient db) {
        this.db = db;
    }

    /** Claims the tokens that no node has sent to yet for this event; emits those now owned by {@code node}. */
    Mono<Set<String>> claim(long eventId, Collection<String> tokens, String node, Duration lease) {
        return db.sql("""
                        INSERT INTO push_sends (event_id, token, state, claimed_by)
                        SELECT :event, t, 'SENDING', :node FROM unnest(CAST(:tokens AS text[])) AS t
                        ON CONFLICT (event_id, token) DO UPDATE SET claimed_by = EXCLUDED.claimed_by,
                        claimed_at = now() WHERE push_sends.state = 'SENDING'
                        AND push_sends.claimed_at < now() - make_interval(secs => :lease)
                        RETURNING token""")
                .bind("event", eventId)
                .bind("tokens", tokens.toArray(String[]::new))
                .bind("node", node)
                .bind("lease", (double) lease.toMillis() / 1000)
                .map(row -> row.get("token", String.class))
                .all()
                .collect(Collectors.toSet());
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

    Mono<Void> finish(long eventId, String token, String node, State state, int attempts, String messageId,
            String error) {
        return db.sql("""
                        UPDATE push_sends SET state = :state, attempts = :attempts, message_id = :message,
                        error = :error, finished_at = now()
                        WHERE event_id = :event AND token = :token AND claimed_by = :node AND state = 'SENDING'""")
                .bind("state", state.name())
                .bind("attempts", attempts)
                .bind("message", Parameter.fromOrEmpty(messageId, String.class))
                .bind("error", Parameter.fromOrEmpty(error == null ? null : truncated(error), String.class))
                .bind("event", eventId)
                .bind("token", token)
                .bind("node", node)
                .then();
    }

    private static String truncated(String error) {
        return error.length() <= 1000 ? error : error.substring(0, 1000);
    }
}
