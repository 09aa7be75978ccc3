package dev.doorstep.dispatch.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanWarmUpUnitTests {

    private static final PlanningSettings PLANNING = new PlanningSettings(1.3, 30, Map.of(), 250, 2, 120, 36000, null,
            100, Duration.ofSeconds(1));

    @Test
    void onceTheAppIsReadyASyntheticDayLargerThanASectorIsSolvedInTheBackground() throws InterruptedException {
        PlanWarmUp warmUp = new PlanWarmUp(PLANNING, new PlanWarmUpSettings(Duration.ofMillis(1500), 300));

        warmUp.startWarmUp();

        assertThat(warmUp.solved()).as("solved in the background, not by the caller").isNull();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (warmUp.solved() == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        VrpSolution solved = warmUp.solved();
        assertThat(solved).isNotNull();
        assertThat(solved.unassigned()).isEmpty();
        assertThat(solved.routes().stream().mapToInt(route -> route.stops().size()).sum()).isEqualTo(300);
        assertThat(new VrpSolver(PLANNING.clusterSize(), 1).sectors(PlanWarmUp.syntheticDay(300, 36000)))
                .hasSizeGreaterThan(1);
    }
}
