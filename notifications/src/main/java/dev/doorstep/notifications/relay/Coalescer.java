package dev.doorstep.notifications.relay;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Turns many concurrent calls into few batch calls, without a timer: a call made while no batch runs starts one at
 * once (alone, so a quiet pipeline pays no wait); calls made while {@code maxInFlight} batches run wait and go
 * together into the next, at most {@code maxBatch} at a time. The batch function answers one result per item, in the
 * items' order; when it fails, every call of that batch fails with its error (each caller's own retry then applies).
 *
 * @param <T> what one call submits
 * @param <R> what one call gets back
 */
public final class Coalescer<T, R> {

    private record Waiting<T, R>(T item, MonoSink<R> sink) {
    }

    private final Function<List<T>, Mono<List<R>>> batch;
    private final int maxBatch;
    private final int maxInFlight;
    private final Queue<Waiting<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    public Coalescer(int maxBatch, int maxInFlight, Function<List<T>, Mono<List<R>>> batch) {
        if (maxBatch < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("maxBatch and maxInFlight must be at least 1");
        }
        this.batch = batch;
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
    }

    /**
     * A coalescer of look-ups by key: each distinct key of a batch is looked up once, by one call of {@code lookup}
     * with all of them; a key it leaves out of its map gets empty. Every answer comes from a look-up made after the
     * call, never from an earlier one: nothing is cached.
     */
    public static <K, V> Coalescer<K, Optional<V>> lookups(int maxBatch, int maxInFlight,
            Function<Set<K>, Mono<Map<K, V>>> lookup) {
        return new Coalescer<>(maxBatch, maxInFlight, keys -> lookup.apply(new LinkedHashSet<>(keys))
                .defaultIfEmpty(Map.of())
                .map(found -> keys.stream().map(k -> Optional.ofNullable(found.get(k))).toList()));
    }

    /** {@code item}'s result, computed in a batch with whatever other items wait at the same time. */
    public Mono<R> submit(T item) {
        return Mono.create(sink -> {
            queue.add(new Waiting<>(item, sink));
            drain();
        });
    }

    private void drain() {
        while (!queue.isEmpty()) {
            int running = inFlight.get();
            if (running >= maxInFlight) {
                // The batch that finishes next drains again.
                return;
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Waiting<T, R>> taken = new ArrayList<>();
            for (Waiting<T, R> next; taken.size() < maxBatch && (next = queue.poll()) != null; ) {
                taken.add(next);
            }
            if (taken.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            run(taken);
        }
    }

    private void run(List<Waiting<T, R>> taken) {
        List<T> items = taken.stream().map(Waiting::item).toList();
        Mono<List<R>> results;
        try {
            results = batch.apply(items);
        } catch (RuntimeException e) {
            results = Mono.error(e);
        }
        results.defaultIfEmpty(List.of()).subscribe(answers -> {
            try {
                if (answers.size() != taken.size()) {
                    IllegalStateException wrong = new IllegalStateException("a batch of " + taken.size()
                            + " answered " + answers.size() + " results");
                    taken.forEach(w -> w.sink().error(wrong));
                    return;
                }
                for (int i = 0; i < taken.size(); i++) {
                    taken.get(i).sink().success(answers.get(i));
                }
            } finally {
                done();
            }
        }, e -> {
            try {
                taken.forEach(w -> w.sink().error(e));
            } finally {
                done();
            }
        });
    }

    private void done() {
        inFlight.decrementAndGet();
        drain();
    }
}
