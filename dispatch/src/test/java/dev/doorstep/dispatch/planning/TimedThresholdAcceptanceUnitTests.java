package dev.doorstep.dispatch.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimedThresholdAcceptanceUnitTests {

    private static final long SECOND = 1_000_000_000L;

    private static VehicleRoutingProblemSolution costing(double cost) {
        return new VehicleRoutingProblemSolution(List.of(), cost);
    }

    @Test
    void thresholdStartsAtAShareOfTheFirstSolutionAndHalvesEveryAlphaOfTheBudget() {
        AtomicLong now = new AtomicLong(0);
        TimedThresholdAcceptance acceptance = new TimedThresholdAcceptance(10 * SECOND, Integer.MAX_VALUE, 0.03, 0.25, now::get);
        acceptance.informAlgorithmStarts(null, null, List.of());
        acceptance.informIterationStarts(1, null, List.of(costing(1000)));

        assertThat(acceptance.threshold()).isCloseTo(30, within(1e-6));
        now.set(10 * SECOND / 4);
        assertThat(acceptance.threshold()).isCloseTo(15, within(1e-6));
        now.set(10 * SECOND);
        assertThat(acceptance.threshold()).isCloseTo(30.0 / 16, within(1e-6));
        now.set(100 * SECOND);
        assertThat(acceptance.threshold()).as("no lower after the budget").isCloseTo(30.0 / 16, within(1e-6));
    }

    @Test
    void aWorseSolutionIsKeptWithinTheThresholdOnlyAndTheCurrentOneIsReplaced() {
        AtomicLong now = new AtomicLong(0);
        TimedThresholdAcceptance acceptance = new TimedThresholdAcceptance(SECOND, Integer.MAX_VALUE, 0.03, 0.25, now::get);
        acceptance.informAlgorithmStarts(null, null, List.of());
        acceptance.informIterationStarts(1, null, List.of(costing(1000)));
        List<VehicleRoutingProblemSolution> memory = new ArrayList<>(List.of(costing(1000)));

        assertThat(acceptance.acceptSolution(memory, costing(1040))).isFalse();
        assertThat(acceptance.acceptSolution(memory, costing(1020))).isTrue();
        assertThat(memory).extracting(VehicleRoutingProblemSolution::getCost).containsExactly(1020.0);

        now.set(SECOND);
        assertThat(acceptance.acceptSolution(memory, costing(1022))).as("threshold 1.875 at the end").isFalse();
        assertThat(acceptance.acceptSolution(memory, costing(1021))).isTrue();
        assertThat(acceptance.acceptSolution(memory, costing(900))).isTrue();
        assertThat(memory).extracting(VehicleRoutingProblemSolution::getCost).containsExactly(900.0);
    }
}
