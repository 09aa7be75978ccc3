package dev.doorstep.dispatch.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VrpSolverUnitTests {

    /** Straight-line distance, one unit of time per unit of distance. */
    static final TravelTimes PLANE = points -> new TravelMatrix() {
        @Override
        public double meters(int from, int to) {
            return Math.hypot(points.get(from).x() - points.get(to).x(), points.get(from).y() - points.get(to).y());
        }

        @Override
        public double seconds(int kind, int from, int to) {
            return meters(from, to);
        }
    };

    private static VrpProblem randomProblem(int visits, int vehicles) {
        Random random = new Random(visits);
        List<VrpVisit> list = new ArrayList<>();
        for (int i = 0; i < visits; i++) {
            double from = random.nextInt(400);
            list.add(new VrpVisit("v" + i, new Point(random.nextDouble() * 100, random.nextDouble() * 100),
                    new int[] {1 + random.nextInt(3)}, 5, from, from + 200));
        }
        return new VrpProblem(new Point(50, 50), list, List.of(new VrpVehicleKind("van", new int[] {40}, vehicles, 0, 1000)), 1000);
    }

    private static void assertFeasible(VrpProblem problem, VrpSolution solution) {
        Set<String> seen = new HashSet<>(solution.unassigned());
        for (VrpRoute route : solution.routes()) {
            int load = 0;
            double previousDeparture = route.start();
            for (VrpStop stop : route.stops()) {
                VrpVisit visit = problem.visits().stream().filter(v -> v.id().equals(stop.visitId())).findFirst().orElseThrow();
                assertThat(seen.add(visit.id())).as(visit.id() + " once").isTrue();
                load += visit.size()[0];
                assertThat(stop.arrival()).isGreaterThanOrEqualTo(previousDeparture);
                assertThat(Math.max(stop.arrival(), visit.windowFrom())).isLessThanOrEqualTo(visit.windowTo() + 1e-6);
                previousDeparture = stop.departure();
            }
            assertThat(load).isLessThanOrEqualTo(40);
            assertThat(route.end()).isLessThanOrEqualTo(1000 + 1e-6);
        }
        assertThat(seen).hasSize(problem.visits().size());
    }

    @Test
    void smallProblemIsSolvedInOnePieceWithinEveryConstraint() {
        VrpProblem problem = randomProblem(60, 20);

        VrpSolution solution = new VrpSolver(250, 1).solve(problem, PLANE, Duration.ofMillis(500));

        assertFeasible(problem, solution);
        assertThat(solution.unassigned()).isEmpty();
    }

    @Test
    void largeProblemIsSplitIntoSectorsAndStillServesEveryVisitOnce() {
        VrpProblem problem = randomProblem(300, 40);
        VrpSolver solver = new VrpSolver(100, 2);

        assertThat(solver.sectors(problem)).hasSize(3)
                .allSatisfy(part -> assertThat(part.visits()).hasSize(100));
        VrpSolution solution = solver.solve(problem, PLANE, Duration.ofSeconds(1));

        assertFeasible(problem, solution);
        assertThat(solution.unassigned()).isEmpty();
        assertThat(solution.routes()).hasSizeLessThanOrEqualTo(40);
    }

    @Test
    void visitsNoVehicleCanTakeAreReportedUnassigned() {
        VrpProblem tooLate = new VrpProblem(new Point(0, 0), List.of(
                new VrpVisit("late", new Point(900, 0), new int[] {1}, 0, 0, 100)),
                List.of(new VrpVehicleKind("van", new int[] {10}, 1, 0, 1000)), 1000);

        VrpSolution solution = new VrpSolver(250, 1).solve(tooLate, PLANE, Duration.ofMillis(200));

        assertThat(solution.routes()).isEmpty();
        assertThat(solution.unassigned()).containsExactly("late");
    }
}
