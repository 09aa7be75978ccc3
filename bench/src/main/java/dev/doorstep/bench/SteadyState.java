package dev.doorstep.bench;

import java.time.Duration;
import java.util.function.Function;

/**
 * The warm-up every load of the benches runs before it measures: the app's JIT compiles for a minute or more under
 * load (its deep stack keeps C2 busy; a bare server settles in seconds), and its CPU would otherwise count against
 * what is measured. After a first window, the load goes on in windows of 5 s while a window is more than 3 % faster
 * than the one before, and until at least a minimum count, up to two minutes.
 */
final class SteadyState {

    /** What one window of load saw: its rate and its count (successes, requests or pings). */
    record Window(double perSecond, long count) {
    }

    /** The warm-up's whole count and its last window, the rate the app settled at. */
    record Warmed(long count, Window last) {
    }

    static final Duration WINDOW = Duration.ofSeconds(5);
    static final int MAX_WINDOWS = 24;
    private static final double STILL_SPEEDING_UP = 1.03;

    private SteadyState() {
    }

    /** Runs {@code load} for {@code first}, then for 5-s windows until the app's steady state and {@code minimum}. */
    static Warmed reach(Duration first, long minimum, Function<Duration, Window> load) {
        Window last = load.apply(first);
        long count = last.count();
        for (int window = 0; window < MAX_WINDOWS; window++) {
            Window next = load.apply(WINDOW);
            count += next.count();
            boolean settled = next.perSecond() <= last.perSecond() * STILL_SPEEDING_UP;
            last = next;
            if (settled && count >= minimum) {
                break;
            }
        }
        return new Warmed(count, last);
    }
}
