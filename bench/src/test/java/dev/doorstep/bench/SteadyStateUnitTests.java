package dev.doorstep.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SteadyStateUnitTests {

    /** A load whose windows run at the given rates in turn (the last one repeated), recording each window's length. */
    private static final class Rates implements Function<Duration, SteadyState.Window> {
        final List<Duration> windows = new ArrayList<>();
        private final double[] rates;

        Rates(double... rates) {
            this.rates = rates;
        }

        @Override
        public SteadyState.Window apply(Duration length) {
            double rate = rates[Math.min(windows.size(), rates.length - 1)];
            windows.add(length);
            return new SteadyState.Window(rate, Math.round(rate * length.toMillis() / 1000.0));
        }
    }

    @Test
    void theWarmUpGoesOnWhileAWindowIsMoreThanThreePercentFasterThanTheOneBefore() {
        Rates load = new Rates(100, 200, 400, 410, 1_000);

        SteadyState.Warmed warmed = SteadyState.reach(Duration.ofSeconds(2), 0, load);

        assertThat(load.windows).containsExactly(Duration.ofSeconds(2), SteadyState.WINDOW, SteadyState.WINDOW,
                SteadyState.WINDOW);
        assertThat(warmed.last().perSecond()).isEqualTo(410);
        assertThat(warmed.count()).isEqualTo(200 + 1_000 + 2_000 + 2_050);
    }

    @Test
    void aSettledLoadGoesOnUntilItsMinimumCount() {
        Rates load = new Rates(1_000);

        SteadyState.Warmed warmed = SteadyState.reach(Duration.ofSeconds(5), 20_000, load);

        assertThat(load.windows).hasSize(4);
        assertThat(warmed.count()).isEqualTo(20_000);
    }

    @Test
    void aLoadThatNeverSettlesStopsAfterTwoMinutesOfWindows() {
        double[] rising = new double[40];
        for (int i = 0; i < rising.length; i++) {
            rising[i] = 100 * Math.pow(1.1, i);
        }
        Rates load = new Rates(rising);

        SteadyState.reach(Duration.ofSeconds(5), 0, load);

        assertThat(load.windows).hasSize(1 + SteadyState.MAX_WINDOWS);
        assertThat(SteadyState.WINDOW.multipliedBy(SteadyState.MAX_WINDOWS)).isEqualTo(Duration.ofMinutes(2));
    }
}
