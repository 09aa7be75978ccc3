package dev.doorstep.dispatch.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    /**
     * Every visit once, and each route driven again on its own timeline in the plane (not from the solver's
     * times): service within the window, load within the van, back by the shift's end, no more vans than the fleet.
     */
    private static void assertFeasible(VrpProblem problem, VrpSolution solution) {
        Map<String, VrpVisit> visits = new HashMap<>();
        problem.visits().forEach(visit -> visits.put(visit.id(), visit));
        Set<String> seen = new HashSet<>(solution.unassigned());
        assertThat(solution.routes()).hasSizeLessThanOrEqualTo(problem.kinds().get(0).count());
        for (VrpRoute route : solution.routes()) {
            int load = 0;
            double t = Math.max(route.start(), problem.kinds().get(0).shiftStart());
            Point at = problem.depot();
            for (VrpStop stop : route.stops()) {
                VrpVisit visit = visits.get(stop.visitId());
                assertThat(seen.add(visit.id())).as(visit.id() + " once").isTrue();
                load += visit.size()[0];
                t = Math.max(t + distance(at, visit.point()), visit.windowFrom());
                assertThat(t).as("service at " + visit.id()).isLessThanOrEqualTo(visit.windowTo() + 1e-6);
                t += visit.serviceSeconds();
                at = visit.point();
            }
            assertThat(load).isLessThanOrEqualTo(40);
            assertThat(t + distance(at, problem.depot())).isLessThanOrEqualTo(problem.kinds().get(0).shiftEnd() + 1e-6);
        }
        assertThat(seen).hasSize(problem.visits().size());
    }

    private static double distance(Point a, Point b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
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

    @Test
    void sectorsShareTheFleetWithoutExceedingIt() {
        VrpProblem problem = randomProblem(1000, 37);
        VrpSolver solver = new VrpSolver(100, 2);

        List<VrpProblem> sectors = solver.sectors(problem);

        assertThat(sectors).hasSize(10);
        assertThat(sectors.stream().mapToInt(part -> part.kinds().get(0).count()).sum()).isEqualTo(37);
        assertThat(sectors).allSatisfy(part -> assertThat(part.kinds().get(0).count()).isBetween(3, 4));
    }

    @Test
    void sharesAreWholeNumbersInProportionAddingUpToTheTotal() {
        assertThat(VrpSolver.shared(10, new double[] {0.5, 0.25, 0.25})).containsExactly(5, 3, 2);
        assertThat(VrpSolver.shared(7, new double[] {0.1, 0.6, 0.3})).containsExactly(1, 4, 2);
        assertThat(VrpSolver.shared(0, new double[] {0.5, 0.5})).containsExactly(0, 0);
    }

    @Test
    void aLargeProblemWithATightFleetServesEveryVisitOnceWithinTheFleet() {
        // 800 visits of 1 to 3 (about 1,600 units) in vans of 40: 40 vans needed at least, 50 there.
        VrpProblem problem = randomProblem(800, 50);

        VrpSolution solution = new VrpSolver(100, 2).solve(problem, PLANE, Duration.ofSeconds(2));

        assertFeasible(problem, solution);
        assertThat(solution.routes()).hasSizeLessThanOrEqualTo(50);
    }

    @Test
    void seamsAcrossTheFirstAndLastSectorServeEveryVisitOnce() {
        // Two sectors: the two seams take the halves of both, around the circle.
        VrpProblem problem = randomProblem(300, 40);

        VrpSolution solution = new VrpSolver(150, 2).solve(problem, PLANE, Duration.ofSeconds(2));

        assertFeasible(problem, solution);
        assertThat(solution.unassigned()).isEmpty();
    }

    @Test
    void jspritStartsFromGivenRoutesAndNeverReturnsWorseToTheSeam() {
        VrpProblem problem = randomProblem(80, 20);
        TravelMatrix matrix = PLANE.between(VrpSolver.points(problem));
        VrpSolution first = new JspritSolve(problem, matrix).withCheapStart().run(Duration.ofMillis(300), 1);

        VrpSolution again = new JspritSolve(problem, matrix).startingFrom(first.routes()).run(Duration.ofMillis(300), 1);

        assertFeasible(problem, again);
        assertThat(again.unassigned()).isEmpty();
        assertThat(again.routes().size() * 1000 + again.routes().stream().mapToDouble(VrpRoute::drivingSeconds).sum())
                .isLessThanOrEqualTo(first.routes().size() * 1000
                        + first.routes().stream().mapToDouble(VrpRoute::drivingSeconds).sum() + 1e-6);
    }

    @Test
    void aSeamKeepsTheRoutesItHadUnlessTheNewOnesServeMoreOrCostLess() {
        VrpRoute shortRoute = new VrpRoute("van", List.of(new VrpStop("a", 1, 2)), 0, 10, 10, 10);
        VrpRoute longRoute = new VrpRoute("van", List.of(new VrpStop("a", 1, 2)), 0, 30, 30, 30);
        VrpSolution cheap = new VrpSolution(List.of(shortRoute), List.of(), "plane");
        VrpSolution dear = new VrpSolution(List.of(longRoute), List.of(), "plane");
        VrpSolution leavesOneOut = new VrpSolution(List.of(), List.of("a"), "plane");

        assertThat(VrpSolver.better(cheap, dear, 1000)).isTrue();
        assertThat(VrpSolver.better(dear, cheap, 1000)).isFalse();
        assertThat(VrpSolver.better(cheap, cheap, 1000)).isFalse();
        assertThat(VrpSolver.better(leavesOneOut, dear, 1000)).isFalse();
        assertThat(VrpSolver.better(dear, leavesOneOut, 1000)).isTrue();
    }

    @Test
    void aFleetSmallerThanTheSectorsLeavesVisitsOutInsteadOfFailing() {
        VrpProblem problem = randomProblem(300, 2);

        VrpSolution solution = new VrpSolver(100, 2).solve(problem, PLANE, Duration.ofSeconds(1));

        assertFeasible(problem, solution);
        assertThat(solution.routes()).hasSizeBetween(1, 2);
        assertThat(solution.unassigned()).isNotEmpty();
    }
}
