package dev.doorstep.tracking.customer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Answers of a read kept for at most {@code maxAge} (by the app's clock), so that the public tracking reads of a
 * hot link cost memory, not queries. Concurrent readers of one key share one read; an error is never kept (the next
 * reader reads again), an empty answer is. {@link #forget} drops a key at once, for the changes this node makes;
 * changes made elsewhere show after at most {@code maxAge}. Past {@code maxEntries} the stale answers go, and all
 * of them if that is not enough, so that a flood of distinct keys costs a bounded amount of memory.
 */
public final class RecentReads<K, V> {

    private static final Duration KEPT_BY_ENTRY = Duration.ofMillis(Long.MAX_VALUE);

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration maxAge;
    private final int maxEntries;

    private record Entry<V>(Mono<V> answer, Instant readAt) {
    }

    public RecentReads(Clock clock, Duration maxAge, int maxEntries) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxEntries = maxEntries;
    }

    /** The key's answer read at most {@code maxAge} ago, or {@code read}'s answer now. */
    public Mono<V> get(K key, Function<K, Mono<V>> read) {
        if (maxAge.isZero()) {
            return read.apply(key);
        }
        return Mono.defer(() -> {
            Instant now = clock.instant();
            Entry<V> entry = entries.get(key);
            if (entry == null || !fresh(entry, now)) {
                entry = entries.compute(key, (k, old) -> old != null && fresh(old, now) ? old
                        : new Entry<>(read.apply(k).cache(v -> KEPT_BY_ENTRY, e -> Duration.ZERO, () -> KEPT_BY_ENTRY),
                                now));
                if (entries.size() > maxEntries) {
                    shrink(now);
                }
            }
            return entry.answer();
        });
    }

    /** Keeps {@code value}, read elsewhere just now, as the key's answer for {@code maxAge}. */
    public void put(K key, V value) {
        if (maxAge.isZero()) {
            return;
        }
        entries.put(key, new Entry<>(Mono.just(value), clock.instant()));
        if (entries.size() > maxEntries) {
            shrink(clock.instant());
        }
    }

    /** Drops the key's answer: the next reader reads afresh. */
    public void forget(K key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    private boolean fresh(Entry<V> entry, Instant now) {
        // A clock set back (tests, or a corrected wall clock) makes every answer stale rather than young for longer.
        return !now.isBefore(entry.readAt()) && now.isBefore(entry.readAt().plus(maxAge));
    }

    private void shrink(Instant now) {
        entries.values().removeIf(entry -> !fresh(entry, now));
        if (entries.size() > maxEntries) {
            entries.clear();
        }
    }
}
