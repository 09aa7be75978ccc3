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
        assertThat(kept).containsExactly(false, false, false, false, true, true);
        assertThat(switchWith("false").match(candidates, null)).containsExactly(kept);
    }

    @Test
    void tracingOnKeepsThemAll() {
        assertThat(switchWith("true").match(candidates(), null)).containsOnly(true);
    }

    private static String[] candidates() {
        String[] candidates = new String[6];
        TracingSwitch.TRACING_AUTO_CONFIGURATIONS.stream().sorted().toList().toArray(candidates);
        candidates[4] = OTHER;
        candidates[5] = null; // left out by an earlier filter
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
