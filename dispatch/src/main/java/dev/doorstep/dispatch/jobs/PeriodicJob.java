package dev.doorstep.dispatch.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Work every node repeats in the background while the application runs (a scan, a sweep, a relay round). A bean of
 * this type is all it takes: {@link PeriodicJobs} starts its {@link #schedule()} with the application context, runs
 * it at the clock bean's time, one run at a time, and stops it with the context.
 */
public interface PeriodicJob {

    /** What this job runs, and how often. */
    Schedule schedule();

    /**
     * A job's schedule: {@code run} as of the clock's instant every {@code every} (ticks that come while a run is
     * still going are skipped; a failed run, or one still going after {@code every} and at least 30 s, is logged and
     * the next tick runs again), unless not {@code enabled} on
     * this node; {@code setUp} runs once on the starting thread before the first run (it may block).
     */
    record Schedule(String name, Duration every, Function<Instant, ? extends Mono<?>> run, boolean enabled,
            Runnable setUp) {

        /** Runs {@code run} every {@code every}; {@code name} says what it does, in the logs. */
        public static Schedule every(Duration every, String name, Function<Instant, ? extends Mono<?>> run) {
            return new Schedule(name, every, run, true, () -> {
            });
        }

        /** The same schedule, off on this node unless {@code enabled} (its settings say so). */
        public Schedule onlyIf(boolean enabled) {
            return new Schedule(name, every, run, enabled, setUp);
        }

        /** The same schedule, with set-up to do once before the first run (such as opening a connection). */
        public Schedule firstDoing(Runnable setUp) {
            return new Schedule(name, every, run, enabled, setUp);
        }
    }
}
