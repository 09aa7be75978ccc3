package dev.doorstep.dispatch.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Runs every {@link PeriodicJob} of the application while its context runs (started last, stopped first). */
@Component
public class PeriodicJobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicJobs.class);

    /** No round of any job is cut short before this: the longest a sane relay, scan or sweep round takes, and more. */
    static final Duration MIN_ROUND_LIMIT = Duration.ofSeconds(30);

    private final ObjectProvider<PeriodicJob> jobs;
    private final Clock clock;
    private Disposable.Composite running;

    PeriodicJobs(ObjectProvider<PeriodicJob> jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (running != null) {
            return;
        }
        running = Disposables.composite();
        jobs.orderedStream().map(PeriodicJob::schedule).forEach(job -> {
            if (!job.enabled()) {
                log.info("{}: off on this node", job.name());
                return;
            }
            job.setUp().run();
            running.add(rounds(job.every(), () -> job.run().apply(clock.instant()).then(), job.name()).subscribe());
        });
    }

    @Override
    public synchronized void stop() {
        if (running != null) {
            running.dispose();
            running = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running != null;
    }

    /**
     * Emits the results of {@code round} every {@code every}, one round at a time: ticks that come while a round runs
     * are skipped (without this, one round longer than the pace overflows the interval and ends the schedule for
     * good); a failed round is logged as {@code what} and the next one runs. A round still running after
     * {@link #roundLimit(Duration)} is cancelled, logged and the next one runs: a round that never ends (a Redis
     * or database call whose answer is lost) would otherwise stop the job on this node for good.
     */
    public static <T> Flux<T> rounds(Duration every, Supplier<? extends Publisher<T>> round, String what) {
        return rounds(every, roundLimit(every), round, what);
    }

    /** As {@link #rounds(Duration, Supplier, String)}, a round cancelled after {@code limit}. */
    static <T> Flux<T> rounds(Duration every, Duration limit, Supplier<? extends Publisher<T>> round, String what) {
        return Flux.interval(every).onBackpressureDrop()
                .concatMap(tick -> Flux.defer(round).timeout(limit).onErrorResume(e -> {
                    if (e instanceof TimeoutException) {
                        log.warn("{} did not finish within {}; cancelled, the next round runs", what, limit);
                    } else {
                        log.warn("{} failed; the next round retries: {}", what, e.toString());
                        log.debug("{} failed", what, e);
                    }
                    return Mono.empty();
                }), 1);
    }

    /** How long one round may run: its period, and at least {@link #MIN_ROUND_LIMIT}. */
    static Duration roundLimit(Duration every) {
        return every.compareTo(MIN_ROUND_LIMIT) > 0 ? every : MIN_ROUND_LIMIT;
    }
}
