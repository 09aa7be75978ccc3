package dev.doorstep.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.PlanFeasibility;
import dev.doorstep.api.support.PlanningFixture;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a DSP asks of a plan, through the API: a break, a longest route, vans of two sizes, packages kept together. */
class PlanRulesIntegrationTests extends ApiIntegrationTest {

    private static Map<String, Object> request(Map<String, Object> fleetEntry, Map<String, Object> extra) {
        return request(List.of(fleetEntry), extra);
    }

    private static Map<String, Object> request(List<Map<String, Object>> fleet, Map<String, Object> extra) {
        Map<String, Object> request = new HashMap<>(PlanningFixture.planRequest(fleet.get(0), 2));
        request.put("fleet", fleet);
        request.putAll(extra);
        return request;
    }

    private static Map<String, Object> fleetEntry(String type, int capacityPackages, int available) {
        Map<String, Object> entry = new HashMap<>(PlanningFixture.fleetEntry(capacityPackages, available));
        entry.put("type", type);
        return entry;
    }

    private static List<Map<?, ?>> routes(Map<?, ?> plan) {
        return ((List<?>) plan.get("routes")).stream().<Map<?, ?>>map(r -> (Map<?, ?>) r).toList();
    }

    private static OffsetDateTime time(Object value) {
        return value == null ? null : OffsetDateTime.parse((String) value);
    }

    @Test
    void everyRouteStillOutAfterTheBreakWindowShowsItsBreakInsideTheWindowBetweenTwoStops() {
        String ops = opsToken();
        String station = createStation(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        Map<String, PlanFeasibility.Pkg> packages = fixture.importPackages(station, 80, 7);

        // A window every route with an afternoon stop (a quarter of the packages open at 13:00) is out after: the
        // test then does not depend on how long the search's routes happen to run (11:30-13:30 once left none out after).
        Map<?, ?> plan = fixture.awaitDone(fixture.start(station, request(PlanningFixture.fleetEntry(15, 10),
                Map.of("driverBreak", Map.of("minutes", 30, "earliestStart", "10:00", "latestStart", "11:00")))));

        assertThat(plan.get("status")).isEqualTo("READY");
        assertThat((List<?>) plan.get("unplannedPackages")).isEmpty();
        assertThat(PlanFeasibility.violations(plan, packages, PlanningFixture.STATION, PlanningFixture.fleet(15, 10),
                PlanningFixture.ROAD_FACTOR)).isEmpty();
        List<Map<?, ?>> outAfterWindow = routes(plan).stream()
                .filter(route -> time(route.get("plannedEnd")).isAfter(PlanningFixture.at(11, 0))).toList();
        assertThat(outAfterWindow).isNotEmpty().allSatisfy(route -> {
            OffsetDateTime start = time(route.get("breakStart"));
            OffsetDateTime end = time(route.get("breakEnd"));
            assertThat(start).as("break of " + route.get("id")).isNotNull()
                    .isBetween(PlanningFixture.at(10, 0), PlanningFixture.at(11, 0));
            assertThat(Duration.between(start, end)).isGreaterThanOrEqualTo(Duration.ofMinutes(30));
            for (Object s : (List<?>) route.get("stops")) {
                Map<?, ?> stop = (Map<?, ?>) s;
                boolean before = !time(stop.get("plannedDeparture")).isAfter(start);
                boolean after = !time(stop.get("plannedArrival")).isBefore(end);
                assertThat(before || after).as("stop " + stop.get("id") + " outside the break").isTrue();
            }
        });
    }

    @Test
    void aMaximumRouteLengthBringsEveryVanBackInTime() {
        String ops = opsToken();
        String station = createStation(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        Map<String, PlanFeasibility.Pkg> packages = fixture.importPackages(station, 60, 13);
        Map<?, ?> uncapped = fixture.awaitDone(fixture.start(station, request(PlanningFixture.fleetEntry(30, 10), Map.of())));
        assertThat(routes(uncapped)).anyMatch(route -> time(route.get("plannedEnd")).isAfter(PlanningFixture.at(13, 0)));

        Map<?, ?> plan = fixture.awaitDone(fixture.start(station, request(PlanningFixture.fleetEntry(30, 10),
                Map.of("maxRouteMinutes", 300))));

        assertThat(plan.get("status")).isEqualTo("READY");
        assertThat(routes(plan)).isNotEmpty()
                .allSatisfy(route -> assertThat(time(route.get("plannedEnd"))).isBeforeOrEqualTo(PlanningFixture.at(13, 0)));
        PlanFeasibility.Fleet fiveHours = new PlanFeasibility.Fleet(30, 2000, 800, 10, PlanningFixture.at(8, 0),
                Duration.ofMinutes(300), PlanningFixture.METERS_PER_SECOND);
        assertThat(PlanFeasibility.violations(plan, packages, PlanningFixture.STATION, fiveHours,
                PlanningFixture.ROAD_FACTOR)).isEmpty();
        // Left out: stops whose window opens at 13:00 (with the 09:00-21:00 packages at their address); the morning's
        // packages, whose window closes at 13:00, are all planned.
        assertThat((List<?>) plan.get("unplannedPackages")).isNotEmpty()
                .allSatisfy(id -> assertThat(packages.get((String) id).to()).isAfter(PlanningFixture.at(13, 0)));
    }

    @Test
    void vansOfTwoSizesEachCarryNoMoreThanTheirOwnCapacity() {
        String ops = opsToken();
        String station = createStation(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        Map<String, PlanFeasibility.Pkg> packages = fixture.importPackages(station, 80, 17);

        Map<?, ?> plan = fixture.awaitDone(fixture.start(station, request(
                List.of(fleetEntry("SMALL_VAN", 8, 10), fleetEntry("STEP_VAN", 30, 2)), Map.of())));

        assertThat(plan.get("status")).isEqualTo("READY");
        assertThat((List<?>) plan.get("unplannedPackages")).isEmpty();
        Map<String, PlanFeasibility.Fleet> fleet = Map.of(
                "SMALL_VAN", PlanningFixture.fleet(8, 10), "STEP_VAN", PlanningFixture.fleet(30, 2));
        assertThat(PlanFeasibility.violations(plan, packages, PlanningFixture.STATION, fleet::get,
                PlanningFixture.ROAD_FACTOR)).isEmpty();
        assertThat(routes(plan).stream().map(route -> (String) route.get("vehicleType")).toList())
                .contains("SMALL_VAN", "STEP_VAN");
        assertThat(routes(plan)).filteredOn(route -> "STEP_VAN".equals(route.get("vehicleType")))
                .anyMatch(route -> ((Number) ((Map<?, ?>) route.get("load")).get("packages")).intValue() > 8);
    }

    @Test
    void packagesKeptTogetherAreAllOnOneRoute() {
        String ops = opsToken();
        String station = createStation(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        Map<String, PlanFeasibility.Pkg> packages = fixture.importPackages(station, 80, 19);
        List<String> ids = new ArrayList<>(packages.keySet());
        // Packages far apart in the import order: other addresses, most likely other routes if left alone.
        List<List<String>> groups = List.of(List.of(ids.get(0), ids.get(40), ids.get(79)),
                List.of(ids.get(1), ids.get(41)), List.of(ids.get(2), ids.get(30), ids.get(50), ids.get(70)));

        Map<?, ?> plan = fixture.awaitDone(fixture.start(station, request(PlanningFixture.fleetEntry(15, 10),
                Map.of("keepTogether", groups))));

        assertThat(plan.get("status")).isEqualTo("READY");
        assertThat((List<?>) plan.get("unplannedPackages")).isEmpty();
        assertThat(PlanFeasibility.violations(plan, packages, PlanningFixture.STATION, PlanningFixture.fleet(15, 10),
                PlanningFixture.ROAD_FACTOR)).isEmpty();
        Map<String, String> routeOf = new HashMap<>();
        for (Map<?, ?> route : routes(plan)) {
            for (Object s : (List<?>) route.get("stops")) {
                for (Object id : (List<?>) ((Map<?, ?>) s).get("trackingIds")) {
                    routeOf.put((String) id, (String) route.get("id"));
                }
            }
        }
        for (List<String> group : groups) {
            Set<String> routesOfGroup = new HashSet<>();
            group.forEach(id -> routesOfGroup.add(routeOf.get(id)));
            assertThat(routesOfGroup).as("routes of " + group).hasSize(1).doesNotContainNull();
        }
    }

    @Test
    void badRulesNameTheirField() {
        String ops = opsToken();
        String station = createStation(ops);
        Map<String, Object> van = PlanningFixture.fleetEntry(10, 2);
        List<Map.Entry<String, Map<String, Object>>> bad = List.of(
                Map.entry("driverBreak.latestStart", Map.of("driverBreak",
                        Map.of("minutes", 30, "earliestStart", "13:00", "latestStart", "12:00"))),
                Map.entry("driverBreak.minutes", Map.of("driverBreak",
                        Map.of("minutes", 600, "earliestStart", "11:00", "latestStart", "12:00"))),
                Map.entry("driverBreak.earliestStart", Map.of("driverBreak", Map.of("minutes", 30, "latestStart", "12:00"))),
                Map.entry("driverBreak.earliestStart", Map.of("driverBreak",
                        Map.of("minutes", 30, "earliestStart", "25:99", "latestStart", "12:00"))),
                Map.entry("maxRouteMinutes", Map.of("maxRouteMinutes", 10)),
                Map.entry("maxRouteMinutes", Map.of("maxRouteMinutes", "long")),
                Map.entry("keepTogether", Map.of("keepTogether", List.of(List.of("A1", "A2"), List.of("A2", "A3")))),
                Map.entry("keepTogether", Map.of("keepTogether", "A1,A2")),
                Map.entry("keepTogether[0]", Map.of("keepTogether", List.of(List.of("ALONE")))));
        bad.forEach(entry -> http.post().uri("/v1/stations/{id}/plans", station)
                .headers(h -> h.setBearerAuth(ops)).bodyValue(request(van, entry.getValue())).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(entry.getKey()));
    }
}
