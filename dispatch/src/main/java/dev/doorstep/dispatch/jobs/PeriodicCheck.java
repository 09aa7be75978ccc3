package dev.doorstep.dispatch.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a check at a fixed pace, one run at a time (ticks during a run are skipped); a failed run is logged and the
 * next one comes anyway.
 */
public final class PeriodicCheck {

    private static final Logger log = LoggerFactory.getLogger(PeriodicCheck.class);

    private PeriodicCheck() {
    }

    /** Starts {@code check(now)} every {@code every}; dispose the answer to stop. */
    public static Disposable every(Duration every, String what, Function<Instant, Mono<?>> check) {
        return Flux.interval(every)
                // A tick while a run is still going is skipped: without this, one run longer than the pace
                // overflows the interval and ends the schedule for good.
                .onBackpressureDrop()
                .concatMap(tick -> check.apply(Instant.now())
                        .onErrorResume(e -> {
                            log.warn("checking for {} failed", what, e);
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }
}
