package dev.doorstep.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class TracingSwitchUnitTests {

    private static final String OTHER = "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration";

    @Test
    void tracingOffLeavesEveryTracingAutoConfigurationOutAndNothingElse() {
        String[] candidates = candidates();
        boolean[] kept = switchWith(null).match(candidates, null);
        boolean[] expected = new boolean[candidates.length];
        expected[candidates.length - 2] = true;
        expected[candidates.length - 1] = true;
        assertThat(kept).containsExactly(expected);
        assertThat(switchWith("false").match(candidates, null)).containsExactly(kept);
    }

    @Test
    void tracingOffAlsoLeavesOutLettucesObservationOfEveryRedisCommand() {
        assertThat(TracingSwitch.TRACING_AUTO_CONFIGURATIONS)
                .contains("org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration");
    }

    @Test
    void tracingOnKeepsThemAll() {
        assertThat(switchWith("true").match(candidates(), null)).containsOnly(true);
    }

    private static String[] candidates() {
        int tracing = TracingSwitch.TRACING_AUTO_CONFIGURATIONS.size();
        String[] candidates = new String[tracing + 2];
        TracingSwitch.TRACING_AUTO_CONFIGURATIONS.stream().sorted().toList().toArray(candidates);
        candidates[tracing] = OTHER;
        candidates[tracing + 1] = null; // left out by an earlier filter
        return candidates;
    }

    private static TracingSwitch switchWith(String enabled) {
        MockEnvironment environment = new MockEnvironment();
        if (enabled != null) {
            environment.setProperty(TracingSwitch.PROPERTY, enabled);
        }
        TracingSwitch tracingSwitch = new TracingSwitch();
        tracingSwitch.setEnvironment(environment);
        return tracingSwitch;
    }
}
