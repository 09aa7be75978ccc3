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

/** What a DSP asks of a plan beyond capacity and windows: breaks, route length, van sizes, groups, stable re-plans. */
class PlanRulesUnitTests {

    private static final TravelTimes PLANE = VrpSolverUnitTests.PLANE;

    private static List<VrpVisit> visits(int count, long seed, int sizeBound) {
        Random random = new Random(seed);
        List<VrpVisit> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double from = random.nextInt(400);
            list.add(new VrpVisit("v" + seed + "_" + i, new Point(random.nextDouble() * 100, random.nextDouble() * 100),
                    new int[] {1 + random.nextInt(sizeBound)}, 5, from, from + 300));
        }
        return list;
    }

    private static Map<String, VrpVisit> byId(VrpProblem problem) {
        Map<String, VrpVisit> byId = new HashMap<>();
        problem.visits().forEach(v -> byId.put(v.id(), v));
        return byId;
    }

    /** Every visit once, windows, travel times, capacity and shift of the route's own kind, break outside service. */
    private static void assertFeasible(VrpProblem problem, VrpSolution solution) {
        Map<String, VrpVisit> visits = byId(problem);
        Map<String, VrpVehicleKind> kinds = new HashMap<>();
        problem.kinds().forEach(k -> kinds.put(k.id(), k));
        Map<String, Integer> routesOfKind = new HashMap<>();
        Set<String> seen = new HashSet<>(solution.unassigned());
        for (VrpRoute route : solution.routes()) {
            VrpVehicleKind kind = kinds.get(route.kindId());
            routesOfKind.merge(kind.id(), 1, Integer::sum);
            int load = 0;
            double free = route.start();
            Point at = problem.depot();
            for (VrpStop stop : route.stops()) {
                VrpVisit visit = visits.get(stop.visitId());
                assertThat(seen.add(visit.id())).as(visit.id() + " once").isTrue();
                load += visit.size()[0];
                double travel = Math.hypot(at.x() - visit.point().x(), at.y() - visit.point().y());
                // The break is taken between the previous departure and this arrival, before or after driving.
                if (route.takesBreak() && route.breakStart() >= free - 1e-6 && route.breakEnd() <= stop.arrival() + 1e-6) {
                    travel += route.breakEnd() - route.breakStart();
                }
                assertThat(stop.arrival()).as(visit.id() + " reached after driving").isGreaterThanOrEqualTo(free + travel - 1e-6);
                assertThat(Math.max(stop.arrival(), visit.windowFrom())).isLessThanOrEqualTo(visit.windowTo() + 1e-6);
                if (route.takesBreak()) {
                    double serviceStart = Math.max(stop.arrival(), visit.windowFrom());
                    assertThat(stop.departure() <= route.breakStart() + 1e-6 || serviceStart >= route.breakEnd() - 1e-6)
                            .as(visit.id() + " served outside the break").isTrue();
                }
                free = stop.departure();
                at = visit.point();
            }
            assertThat(load).as(route.kindId() + " load").isLessThanOrEqualTo(kind.capacity()[0]);
            assertThat(route.end()).isLessThanOrEqualTo(kind.shiftEnd() + 1e-6);
        }
        routesOfKind.forEach((kind, count) -> assertThat(count).isLessThanOrEqualTo(kinds.get(kind).count()));
        assertThat(seen).hasSize(problem.visits().size());
    }

    @Test
    void everyRouteStillOutWhenTheBreakWindowClosesTakesTheBreakInsideIt() {
        VrpBreak lunch = new VrpBreak(300, 420, 60);
        VrpProblem problem = new VrpProblem(new Point(50, 50), visits(60, 1, 3),
                List.of(new VrpVehicleKind("van", new int[] {40}, 20, 0, 1000, lunch)), 1000);

        VrpSolution solution = new VrpSolver(250, 1).solve(problem, PLANE, Duration.ofMillis(800));

        assertFeasible(problem, solution);
        assertThat(solution.unassigned()).isEmpty();
        assertThat(solution.routes()).filteredOn(route -> route.end() > lunch.latest()).isNotEmpty()
                .allSatisfy(route -> {
                    assertThat(route.takesBreak()).isTrue();
                    assertThat(route.breakStart()).isBetween(lunch.earliest() - 1e-6, lunch.latest() + 1e-6);
                    assertThat(route.breakEnd() - route.breakStart()).isGreaterThanOrEqualTo(lunch.seconds() - 1e-6);
                });
    }

    @Test
    void aShorterMaximumRouteLengthEndsEveryRouteSoonerAtTheCostOfMoreRoutes() {
        List<VrpVisit> visits = visits(60, 2, 3);
        VrpProblem longRoutes = new VrpProblem(new Point(50, 50), visits,
                List.of(new VrpVehicleKind("van", new int[] {60}, 30, 0, 1000)), 1000);
        VrpProblem shortRoutes = new VrpProblem(new Point(50, 50), visits,
                List.of(new VrpVehicleKind("van", new int[] {60}, 30, 0, 500)), 1000);

        VrpSolution free = new VrpSolver(250, 1).solve(longRoutes, PLANE, Duration.ofMillis(500));
        VrpSolution capped = new VrpSolver(250, 1).solve(shortRoutes, PLANE, Duration.ofMillis(500));

        assertFeasible(shortRoutes, capped);
        assertThat(free.routes()).anyMatch(route -> route.end() > 500);
        assertThat(capped.routes()).allMatch(route -> route.end() <= 500 + 1e-6);
    }

    @Test
    void vansOfDifferentSizesEachCarryNoMoreThanTheirOwnCapacity() {
        List<VrpVisit> visits = new ArrayList<>(visits(50, 3, 4));
        visits.add(new VrpVisit("bulky", new Point(70, 70), new int[] {15}, 5, 0, 900));
        VrpProblem problem = new VrpProblem(new Point(50, 50), visits, List.of(
                new VrpVehicleKind("cargo-bike", new int[] {10}, 20, 0, 1000),
                new VrpVehicleKind("step-van", new int[] {45}, 2, 0, 1000)), 1000);

        VrpSolution solution = new VrpSolver(250, 1).solve(problem, PLANE, Duration.ofMillis(800));

        assertFeasible(problem, solution);
        assertThat(solution.unassigned()).isEmpty();
        assertThat(solution.routes()).filteredOn(r -> r.stops().stream().anyMatch(s -> s.visitId().equals("bulky")))
                .singleElement().extracting(VrpRoute::kindId).isEqualTo("step-van");
        assertThat(solution.routes()).extracting(VrpRoute::kindId).contains("cargo-bike");
    }

    @Test
    void visitsOfOneGroupGoOnOneRouteEvenFromOppositeSidesOfTheDepot() {
        List<VrpVisit> visits = new ArrayList<>(visits(240, 4, 3));
        for (int g = 0; g < 4; g++) {
            visits.add(new VrpVisit("g" + g + "a", new Point(10 + g, 10), new int[] {1}, 5, 0, 900, "group" + g));
            visits.add(new VrpVisit("g" + g + "b", new Point(90 - g, 90), new int[] {1}, 5, 0, 900, "group" + g));
            visits.add(new VrpVisit("g" + g + "c", new Point(90, 10 + g), new int[] {1}, 5, 0, 900, "group" + g));
        }
        VrpProblem problem = new VrpProblem(new Point(50, 50), visits,
                List.of(new VrpVehicleKind("van", new int[] {40}, 40, 0, 1200)), 1000);
        VrpSolver inSectors = new VrpSolver(80, 2);

        VrpSolution solution = inSectors.solve(problem, PLANE, Duration.ofSeconds(2));

        assertFeasible(problem, solution);
        for (int g = 0; g < 4; g++) {
            String group = "g" + g;
            assertThat(solution.unassigned()).as(group).noneMatch(id -> id.startsWith(group));
            assertThat(solution.routes()).as(group)
                    .filteredOn(r -> r.stops().stream().anyMatch(s -> s.visitId().startsWith(group)))
                    .singleElement().satisfies(r -> assertThat(r.stops()).filteredOn(s -> s.visitId().startsWith(group))
                            .hasSize(3));
        }
        assertThat(inSectors.sectors(problem)).allSatisfy(part -> {
            long members = part.visits().stream().filter(v -> v.group() != null).count();
            assertThat(members % 3).isZero();
        });
    }

    /**
     * Groups whose visits lie far apart on a fleet that needs most of its vans: under the tuned search (string ruin,
     * fast regret insertion, whose cached insertions miss that a group's first visit just went on another route)
     * groups ended up split, hence unplanned, in every seed, as long as a split cost the search nothing.
     */
    @Test
    void groupsFarApartOnABusyFleetAreEachPlannedWhollyOnOneRoute() {
        int[][] groups = {{0, 27, 54}, {1, 28}, {2, 20, 34, 48}};
        for (long seed = 0; seed < 3; seed++) {
            Random random = new Random(seed);
            String[] groupOf = new String[55];
            for (int g = 0; g < groups.length; g++) {
                for (int i : groups[g]) {
                    groupOf[i] = "group" + g;
                }
            }
            List<VrpVisit> visits = new ArrayList<>();
            for (int i = 0; i < groupOf.length; i++) {
                int slot = random.nextInt(4);
                visits.add(new VrpVisit("v" + i, new Point(random.nextDouble() * 9000, random.nextDouble() * 9000),
                        new int[] {1 + random.nextInt(2)}, 150, slot == 1 ? 18000 : 3600,
                        slot == 0 ? 18000 : slot == 1 ? 32400 : 46800, groupOf[i]));
            }
            VrpProblem problem = new VrpProblem(new Point(4500, 4500), visits,
                    List.of(new VrpVehicleKind("van", new int[] {15}, 10, 0, 36000)), 1000);

            VrpSolution solution = new VrpSolver(250, 2).solve(problem, PLANE, Duration.ofMillis(1500));

            assertFeasible(problem, solution);
            assertThat(solution.unassigned()).as("seed " + seed).isEmpty();
            for (int[] group : groups) {
                assertThat(solution.routes()).as("seed %d, group of v%d", seed, group[0])
                        .filteredOn(r -> r.stops().stream().anyMatch(s -> s.visitId().equals("v" + group[0])))
                        .singleElement().satisfies(r -> assertThat(r.stops()).extracting(VrpStop::visitId)
                                .containsAll(java.util.Arrays.stream(group).mapToObj(i -> "v" + i).toList()));
            }
        }
    }

    @Test
    void aGroupNoRouteCanServeWhollyIsNotPlannedAtAll() {
        List<VrpVisit> visits = List.of(
                new VrpVisit("near", new Point(51, 51), new int[] {1}, 5, 0, 900, "pair"),
                new VrpVisit("unreachable", new Point(5000, 5000), new int[] {1}, 5, 0, 900, "pair"),
                new VrpVisit("alone", new Point(52, 52), new int[] {1}, 5, 0, 900));
        VrpProblem problem = new VrpProblem(new Point(50, 50), visits,
                List.of(new VrpVehicleKind("van", new int[] {10}, 2, 0, 1000)), 1000);

        VrpSolution solution = new VrpSolver(250, 1).solve(problem, PLANE, Duration.ofMillis(300));

        assertThat(solution.unassigned()).containsExactlyInAnyOrder("near", "unreachable");
        assertThat(solution.routes()).singleElement()
                .satisfies(r -> assertThat(r.stops()).extracting(VrpStop::visitId).containsExactly("alone"));
    }

    @Test
    void aReplanWithFivePercentMoreVisitsKeepsMostVisitsOnTheirRoutes() {
        Replan replan = replan(200, 5, Duration.ofSeconds(2));

        // Without the kept routes, a re-plan reshuffles most of the day (the figure is printed for comparison).
        assertThat(replan.movedKept()).isLessThanOrEqualTo(replan.before() / 20);
        assertThat(replan.movedKept()).isLessThan(replan.movedFresh());
    }

    record Replan(int before, int movedKept, int movedFresh) {
    }

    /** Plans {@code count} visits, adds {@code percent} % more, re-plans with and without the kept routes. */
    static Replan replan(int count, int percent, Duration budget) {
        VrpVehicleKind van = new VrpVehicleKind("van", new int[] {40}, 40, 0, 1000);
        List<VrpVisit> day = visits(count, 5, 3);
        VrpProblem first = new VrpProblem(new Point(50, 50), day, List.of(van), 1000);
        VrpSolver solver = new VrpSolver(1000, 1);
        VrpSolution published = solver.solve(first, PLANE, budget);
        assertFeasible(first, published);
        List<VrpVisit> more = new ArrayList<>(day);
        more.addAll(visits(count * percent / 100, 6, 3));
        List<List<String>> before = published.routes().stream()
                .map(r -> r.stops().stream().map(VrpStop::visitId).toList()).toList();

        VrpProblem stable = new VrpProblem(new Point(50, 50), more, List.of(van), 1000, null,
                RouteChanges.kept(published, 100));
        VrpSolution kept = solver.solve(stable, PLANE, budget);
        VrpSolution fresh = solver.solve(new VrpProblem(new Point(50, 50), more, List.of(van), 1000), PLANE, budget);

        assertFeasible(stable, kept);
        assertThat(kept.unassigned()).isEmpty();
        Replan result = new Replan(count - published.unassigned().size(), RouteChanges.moved(before, kept.routes()),
                RouteChanges.moved(before, fresh.routes()));
        System.out.printf("re-plan of %d visits with %d%% more: %d changed route keeping the published routes "
                + "(%d routes, %.0f s driving), %d in a fresh plan (%d routes, %.0f s)%n", result.before(), percent,
                result.movedKept(), kept.routes().size(), kept.routes().stream().mapToDouble(VrpRoute::drivingSeconds).sum(),
                result.movedFresh(), fresh.routes().size(), fresh.routes().stream().mapToDouble(VrpRoute::drivingSeconds).sum());
        return result;
    }
}
