package dev.doorstep.notifications.relay;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A node's background work (relay rounds, stream polls, scans): started with the application context,
 * stopped with it, and never stopped by one failed round.
 */
public final class Background {

    private volatile Disposable running;

    /** Keeps {@code work} as what runs now, to be disposed by {@link #stop()}. */
    public void run(Disposable work) {
        running = work;
    }

    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    public boolean isRunning() {
        Disposable current = running;
        return current != null && !current.isDisposed();
    }

    /**
     * Emits the results of {@code round} every {@code interval}, one round at a time (ticks that come
     * while a round runs are skipped); a failed round is logged as {@code what} and the next one runs.
     */
    public static <T> Flux<T> rounds(Duration interval, Supplier<? extends org.reactivestreams.Publisher<T>> round,
            Logger log, String what) {
        return Flux.interval(interval).onBackpressureDrop()
                .concatMap(tick -> Flux.from(round.get()).onErrorResume(e -> {
                    log.warn("{} failed; the next round retries: {}", what, e.toString());
                    log.debug("{} failed", what, e);
                    return Mono.empty();
                }), 1);
    }
}
