package dev.doorstep.notifications.push;

import dev.doorstep.dispatch.jobs.PeriodicJob;
import dev.doorstep.dispatch.jobs.ThisNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The send claims this node holds while their sends run, and their renewal: every third of {@code send-lease} one
 * statement (per {@value #MAX_RENEWED} claims) renews all of them, whatever the number of sends running. One FCM call
 * may outlast the lease (the SDK's own retries honour a Retry-After of up to a minute, four times), and a lease that
 * ran out under a live send would let a redelivered entry send the same push again. A claim is renewed only while
 * its send runs here: one whose send ended without a finish (the release failed too) runs out and is taken over.
 */
@Component
class HeldClaims implements PeriodicJob {

    /** Most claims renewed by one statement. */
    static final int MAX_RENEWED = 10_000;

    private final SendRecords records;
    private final PushSettings settings;
    private final String node;
    /** (event, token) held, and by how many running sends of this node (one, but a count never loses a hold). */
    private final Map<SendRecords.Key, Integer> held = new ConcurrentHashMap<>();

    HeldClaims(SendRecords records, PushSettings settings, ThisNode node) {
        this.node = node.name();
        this.records = records;
        this.settings = settings;
    }

    /** This node's name ({@link ThisNode}) in the send records' {@code claimed_by}. */
    String node() {
        return node;
    }

    @Override
    public Schedule schedule() {
        return Schedule.every(settings.sendLease().dividedBy(3), "Renewing this node's send claims",
                now -> renewAll()).onlyIf(settings.enabled());
    }

    /** Runs {@code sending} with the claims on {@code tokens} of {@code eventId} renewed until it ends. */
    <T> Mono<T> during(long eventId, Collection<String> tokens, Mono<T> sending) {
        return during(tokens.stream().map(t -> new SendRecords.Key(eventId, t)).toList(), sending);
    }

    /** Runs {@code sending} with the claims on {@code keys} renewed until it ends. */
    <T> Mono<T> during(List<SendRecords.Key> keys, Mono<T> sending) {
        return Mono.using(() -> {
            keys.forEach(k -> held.merge(k, 1, Integer::sum));
            return keys;
        }, hold -> sending, hold -> hold.forEach(k -> held.computeIfPresent(k, (key, n) -> n == 1 ? null : n - 1)));
    }

    /** How many claims are held right now. */
    int size() {
        return held.size();
    }

    /** Renews every claim held now; emits how many rows were still this node's. */
    Mono<Long> renewAll() {
        List<SendRecords.Key> now = new ArrayList<>(held.keySet());
        if (now.isEmpty()) {
            return Mono.just(0L);
        }
        List<List<SendRecords.Key>> chunks = new ArrayList<>();
        for (int from = 0; from < now.size(); from += MAX_RENEWED) {
            chunks.add(now.subList(from, Math.min(now.size(), from + MAX_RENEWED)));
        }
        return Flux.fromIterable(chunks).concatMap(chunk -> records.renewAll(chunk, node)).reduce(0L, Long::sum);
    }
}
