package dev.doorstep.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.PlanFeasibility;
import dev.doorstep.api.support.PlanningFixture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A published day re-planned through the API when 5 % more packages arrive: routes keep their ids, DSPs and
 * drivers, few stops change route, a route under way is left alone, and every package is planned once.
 */
class ReplanIntegrationTests extends ApiIntegrationTest {

    private static final int PACKAGES = 160;
    private static final int LATE = PACKAGES * 5 / 100;

    private static List<Map<?, ?>> routes(Map<?, ?> plan) {
        return ((List<?>) plan.get("routes")).stream().<Map<?, ?>>map(r -> (Map<?, ?>) r).toList();
    }

    private static List<Map<?, ?>> stops(Map<?, ?> route) {
        return ((List<?>) route.get("stops")).stream().<Map<?, ?>>map(s -> (Map<?, ?>) s).toList();
    }

    private static List<String> trackingIds(Map<?, ?> stop) {
        return ((List<?>) stop.get("trackingIds")).stream().map(id -> (String) id).toList();
    }

    /** Tracking id to the id of the route it is on, over the given routes; fails on a package on two stops. */
    private static Map<String, String> routeOfPackage(List<Map<?, ?>> routes) {
        Map<String, String> routeOf = new HashMap<>();
        for (Map<?, ?> route : routes) {
            for (Map<?, ?> stop : stops(route)) {
                for (String id : trackingIds(stop)) {
                    assertThat(routeOf.put(id, (String) route.get("id"))).as("package " + id + " planned twice").isNull();
                }
            }
        }
        return routeOf;
    }

    private Map<String, Object> replanRequest(String keptPlanId, int budgetSeconds) {
        return replanRequest(keptPlanId, budgetSeconds, 16);
    }

    private Map<String, Object> replanRequest(String keptPlanId, int budgetSeconds, int vans) {
        Map<String, Object> request = new HashMap<>(PlanningFixture.planRequest(PlanningFixture.fleetEntry(15, vans),
                budgetSeconds));
        request.put("keepRoutesOf", keptPlanId);
        return request;
    }

    private Map<?, ?> get(String ops, String planId) {
        return http.get().uri("/v1/plans/{id}", planId).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** Publishes a re-plan: its new routes (continuing no published route) to the DSP. */
    private Map<?, ?> publishReplan(String ops, Map<?, ?> replan, String dsp) {
        long fresh = routes(replan).stream().filter(route -> route.get("continuesRouteId") == null).count();
        List<Map<String, Object>> dsps = fresh == 0 ? List.of() : List.of(Map.of("dspId", dsp, "routes", fresh));
        return http.post().uri("/v1/plans/{id}/publish", replan.get("id")).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("dsps", dsps)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** A station's day of {@code count} packages, planned and published, every route to one DSP. */
    private record Day(String ops, String station, String dsp, PlanningFixture fixture,
            Map<String, PlanFeasibility.Pkg> packages, String planId, List<String> routeIds) {
    }

    private Day publishedDay(int count, long seed, int budgetSeconds) {
        return publishedDay(count, seed, budgetSeconds, 0);
    }

    /** The same with the last {@code flexBlocks} routes (the shortest of those left) as Flex blocks. */
    private Day publishedDay(int count, long seed, int budgetSeconds, int flexBlocks) {
        String ops = opsToken();
        String station = createStation(ops);
        String dsp = createDsp(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        Map<String, PlanFeasibility.Pkg> packages = new LinkedHashMap<>(fixture.importPackages(station, count, seed));
        Map<?, ?> plan = fixture.awaitDone(fixture.start(station, PlanningFixture.planRequest(
                PlanningFixture.fleetEntry(15, 16), budgetSeconds)));
        assertThat((List<?>) plan.get("unplannedPackages")).isEmpty();
        List<String> routeIds = PlanningFixture.routeIds(plan);
        Map<String, Object> publish = new HashMap<>(Map.of("dsps", List.of(Map.of("dspId", dsp,
                "routes", routeIds.size() - flexBlocks))));
        if (flexBlocks > 0) {
            publish.put("flexBlocks", Map.of("count", flexBlocks, "pay", Map.of("amount", 95, "currency", "USD")));
        }
        http.post().uri("/v1/plans/{id}/publish", plan.get("id")).headers(h -> h.setBearerAuth(ops))
                .bodyValue(publish).exchange().expectStatus().isOk();
        return new Day(ops, station, dsp, fixture, packages, (String) plan.get("id"), routeIds);
    }

    @Test
    void aReplanWithFivePercentMorePackagesKeepsRoutesDriversAndTheRouteUnderWay() {
        Day day = publishedDay(PACKAGES, 23, 3);
        String ops = day.ops();
        String station = day.station();
        String dsp = day.dsp();
        PlanningFixture fixture = day.fixture();
        Map<String, PlanFeasibility.Pkg> packages = day.packages();
        String planId = day.planId();
        List<String> routeIds = day.routeIds();
        // The first route under way, the second assigned to a driver who has not started.
        String underWay = routeIds.get(0);
        String startedDriver = fixture.assignNewDriver(dsp, station, underWay, dispatcherToken(dsp));
        http.post().uri("/v1/driver/routes/{id}/start", underWay).headers(h -> h.setBearerAuth(token(startedDriver, "DRIVER")))
                .exchange().expectStatus().isOk();
        String assigned = routeIds.get(1);
        String waitingDriver = fixture.assignNewDriver(dsp, station, assigned, dispatcherToken(dsp));
        Map<?, ?> published = get(ops, planId);
        Map<String, String> before = routeOfPackage(routes(published));
        Map<?, ?> underWayBefore = routes(published).get(0);
        packages.putAll(fixture.importPackages(station, LATE, 29));

        Map<?, ?> replan = fixture.awaitDone(fixture.start(station, replanRequest(planId, 4)));

        assertThat(replan.get("status")).isEqualTo("READY");
        assertThat(replan.get("keepRoutesOf")).isEqualTo(planId);
        assertThat((List<?>) replan.get("unplannedPackages")).isEmpty();
        Map<?, ?> after = publishReplan(ops, replan, dsp);
        assertThat(after.get("status")).isEqualTo("PUBLISHED");

        // Every package once: the route under way (left in the published plan) and the re-plan's routes.
        Map<?, ?> keptPlan = get(ops, planId);
        List<Map<?, ?>> all = new ArrayList<>(routes(after));
        all.addAll(routes(keptPlan).stream().filter(route -> !"CANCELLED".equals(route.get("status"))).toList());
        Map<String, String> now = routeOfPackage(all);
        assertThat(now.keySet()).containsExactlyInAnyOrderElementsOf(packages.keySet());
        // The route under way is as it was.
        Map<?, ?> underWayAfter = routes(keptPlan).stream().filter(route -> underWay.equals(route.get("id"))).findFirst()
                .orElseThrow();
        assertThat(underWayAfter.get("status")).isEqualTo("IN_PROGRESS");
        assertThat(underWayAfter.get("driverId")).isEqualTo(startedDriver);
        assertThat(stops(underWayAfter).stream().map(stop -> stop.get("id") + "@" + stop.get("seq") + trackingIds(stop)))
                .containsExactlyElementsOf(stops(underWayBefore).stream()
                        .map(stop -> stop.get("id") + "@" + stop.get("seq") + trackingIds(stop)).toList());
        // The assigned route continues with its id, DSP and driver, and the driver's itinerary shows it.
        Map<?, ?> assignedAfter = routes(after).stream().filter(route -> assigned.equals(route.get("id"))).findFirst()
                .orElseThrow();
        assertThat(assignedAfter.get("driverId")).isEqualTo(waitingDriver);
        assertThat(assignedAfter.get("dspId")).isEqualTo(dsp);
        assertThat(assignedAfter.get("status")).isEqualTo("ASSIGNED");
        Map<?, ?> itinerary = http.get().uri("/v1/driver/itinerary?date={d}", PlanningFixture.DAY)
                .headers(h -> h.setBearerAuth(token(waitingDriver, "DRIVER"))).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Map<?, ?>) itinerary.get("route")).get("id")).isEqualTo(assigned);
        assertThat(trackingIds(stops(assignedAfter).get(0))).isNotEmpty();
        // Every route of the re-plan is a published route kept or a new one handed to the DSP.
        assertThat(routes(after)).allSatisfy(route -> assertThat(route.get("dspId")).isEqualTo(dsp));
        assertThat(routes(after).stream().filter(route -> routeIds.contains((String) route.get("id"))).count())
                .as("published routes continued").isGreaterThanOrEqualTo(routeIds.size() - 2);
        // Few of the published stops change route (stops as published: a stop moved when a package of it did).
        Set<String> movedStops = new HashSet<>();
        int keptStops = 0;
        for (Map<?, ?> route : routes(published)) {
            if (underWay.equals(route.get("id"))) {
                continue;
            }
            for (Map<?, ?> stop : stops(route)) {
                keptStops++;
                for (String id : trackingIds(stop)) {
                    if (!before.get(id).equals(now.get(id))) {
                        movedStops.add((String) stop.get("id"));
                    }
                }
            }
        }
        System.out.printf("replan: %d of %d published stops changed route (%.1f %%), %d routes before, %d after, "
                        + "%d late packages%n", movedStops.size(), keptStops, 100.0 * movedStops.size() / keptStops,
                routeIds.size(), routes(after).size() + 1, LATE);
        assertThat(movedStops.size()).as("stops that changed route").isLessThanOrEqualTo(keptStops / 10);
        Map<String, PlanFeasibility.Pkg> replanned = new HashMap<>(packages);
        stops(underWayAfter).forEach(stop -> trackingIds(stop).forEach(replanned::remove));
        assertThat(PlanFeasibility.violations(after, replanned, PlanningFixture.STATION, PlanningFixture.fleet(15, 16),
                PlanningFixture.ROAD_FACTOR)).isEmpty();
    }

    @Test
    void aRouteStartedAfterTheReplanWasMadeMakesItsPublicationStaleAndNothingChanges() {
        Day day = publishedDay(40, 31, 1);
        String ops = day.ops();
        String station = day.station();
        String dsp = day.dsp();
        PlanningFixture fixture = day.fixture();
        String planId = day.planId();
        List<String> routeIds = day.routeIds();
        String driver = fixture.assignNewDriver(dsp, station, routeIds.get(0), dispatcherToken(dsp));
        fixture.importPackages(station, 2, 37);
        Map<?, ?> replan = fixture.awaitDone(fixture.start(station, replanRequest(planId, 1)));
        assertThat(routes(replan)).anyMatch(route -> routeIds.get(0).equals(route.get("continuesRouteId")));
        Map<?, ?> publishedBefore = get(ops, planId);

        http.post().uri("/v1/driver/routes/{id}/start", routeIds.get(0)).headers(h -> h.setBearerAuth(token(driver, "DRIVER")))
                .exchange().expectStatus().isOk();
        http.post().uri("/v1/plans/{id}/publish", replan.get("id")).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("dsps", List.of())).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("PLAN_STALE");

        assertThat(get(ops, (String) replan.get("id")).get("status")).isEqualTo("READY");
        Map<?, ?> publishedAfter = get(ops, planId);
        assertThat(routeOfPackage(routes(publishedAfter))).isEqualTo(routeOfPackage(routes(publishedBefore)));
        assertThat(routes(publishedAfter)).noneMatch(route -> "CANCELLED".equals(route.get("status")));
    }

    @Test
    void aSmallerFleetCancelsTheRoutesItCannotKeepAndSendsTheirPackagesBackToTheStation() {
        Day day = publishedDay(40, 41, 1);
        assertThat(day.routeIds()).hasSizeGreaterThan(2);

        Map<?, ?> replan = day.fixture().awaitDone(day.fixture().start(day.station(), replanRequest(day.planId(), 1, 2)));
        List<?> unplanned = (List<?>) replan.get("unplannedPackages");
        assertThat(unplanned).isNotEmpty();
        Map<?, ?> after = publishReplan(day.ops(), replan, day.dsp());

        Map<String, String> now = routeOfPackage(routes(after));
        assertThat(now).hasSize(day.packages().size() - unplanned.size());
        assertThat(unplanned).allSatisfy(id -> assertThat(now).doesNotContainKey((String) id));
        List<Map<?, ?>> cancelled = routes(get(day.ops(), day.planId()));
        assertThat(cancelled).hasSize(day.routeIds().size() - routes(after).size())
                .allSatisfy(route -> {
                    assertThat(route.get("status")).isEqualTo("CANCELLED");
                    assertThat(stops(route)).isEmpty();
                });
        assertThat(routes(after)).allSatisfy(route -> assertThat(day.routeIds()).contains((String) route.get("id")));
        for (Object id : unplanned) {
            http.get().uri("/v1/packages/{id}", id).headers(h -> h.setBearerAuth(day.ops())).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("AT_STATION");
        }
    }

    @Test
    void aRouteCarriedByAFlexBlockIsLeftAsItWasOffered() {
        Day day = publishedDay(40, 43, 1, 1);
        String flexRoute = day.routeIds().get(day.routeIds().size() - 1);
        Map<?, ?> before = routes(get(day.ops(), day.planId())).stream()
                .filter(route -> flexRoute.equals(route.get("id"))).findFirst().orElseThrow();
        Map<String, PlanFeasibility.Pkg> late = day.fixture().importPackages(day.station(), 2, 47);

        Map<?, ?> replan = day.fixture().awaitDone(day.fixture().start(day.station(), replanRequest(day.planId(), 1)));
        assertThat(routes(replan)).noneMatch(route -> flexRoute.equals(route.get("continuesRouteId")));
        publishReplan(day.ops(), replan, day.dsp());

        Map<?, ?> after = routes(get(day.ops(), day.planId())).stream()
                .filter(route -> flexRoute.equals(route.get("id"))).findFirst().orElseThrow();
        assertThat(after.get("status")).isEqualTo("PLANNED");
        assertThat(after.get("stops")).isEqualTo(before.get("stops"));
        List<Map<?, ?>> all = new ArrayList<>(routes(get(day.ops(), (String) replan.get("id"))));
        all.add(after);
        assertThat(routeOfPackage(all).keySet()).containsAll(day.packages().keySet()).containsAll(late.keySet());
    }

    @Test
    void aVanAssignedToARouteTheReplanMakesLongerThanItCarriesRefusesThePublication() {
        Day day = publishedDay(60, 53, 1);
        Map<?, ?> published = get(day.ops(), day.planId());
        for (Map<?, ?> route : routes(published)) {
            int load = ((Number) ((Map<?, ?>) route.get("load")).get("packages")).intValue();
            http.put().uri("/v1/dsp/routes/{id}/assignment", route.get("id"))
                    .headers(h -> h.setBearerAuth(dispatcherToken(day.dsp())))
                    .bodyValue(Map.of("driverId", day.fixture().createDriver(day.dsp(), day.station()),
                            "vanId", day.fixture().createVan(day.dsp(), load)))
                    .exchange().expectStatus().isOk();
        }
        // A late package at the first stop of each route: it joins that stop, so its route carries one more.
        List<Map<String, Object>> late = new ArrayList<>();
        for (Map<?, ?> route : routes(published)) {
            Map<?, ?> stop = stops(route).get(0);
            late.add(Map.of("trackingId", "LATE" + unique(), "recipientName", "Late", "address", stop.get("address"),
                    "location", stop.get("location"), "window", stop.get("window"), "weightKg", 1, "lengthCm", 30,
                    "widthCm", 20, "heightCm", 10));
        }
        http.post().uri("/v1/stations/{id}/packages", day.station()).headers(h -> h.setBearerAuth(day.ops()))
                .bodyValue(Map.of("packages", late)).exchange().expectStatus().isOk();
        Map<String, Object> biggerVans = new HashMap<>(PlanningFixture.planRequest(PlanningFixture.fleetEntry(30, 16), 2));
        biggerVans.put("keepRoutesOf", day.planId());
        Map<?, ?> replan = day.fixture().awaitDone(day.fixture().start(day.station(), biggerVans));
        assertThat((List<?>) replan.get("unplannedPackages")).isEmpty();

        http.post().uri("/v1/plans/{id}/publish", replan.get("id")).headers(h -> h.setBearerAuth(day.ops()))
                .bodyValue(Map.of("dsps", List.of())).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("VAN_TOO_SMALL");

        assertThat(get(day.ops(), (String) replan.get("id")).get("status")).isEqualTo("READY");
        assertThat(routeOfPackage(routes(get(day.ops(), day.planId())))).isEqualTo(routeOfPackage(routes(published)));
    }

    @Test
    void aReplanMustKeepAPublishedPlanOfTheSameStationAndDayAndOnlyStationOpsAskForIt() {
        String ops = opsToken();
        String station = createStation(ops);
        String other = createStation(ops);
        String dsp = createDsp(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        Map<?, ?> ready = fixture.readyPlan(station, 10, 15, 4);
        String readyId = (String) ready.get("id");
        Map<?, ?> published = fixture.awaitDone(fixture.start(other, PlanningFixture.planRequest(
                PlanningFixture.fleetEntry(15, 4), 1)));
        Map<String, Object> otherDay = replanRequest(readyId, 1);
        otherDay.put("date", PlanningFixture.DAY.plusDays(1).toString());

        List<Map.Entry<String, Map<String, Object>>> bad = List.of(
                Map.entry(station, replanRequest("pl_nothing", 1)),
                Map.entry(station, replanRequest(readyId, 1)),
                Map.entry(station, replanRequest((String) published.get("id"), 1)),
                Map.entry(station, otherDay),
                Map.entry(station, replanRequest("", 1)),
                Map.entry(station, replanRequest("pl_\u0000x", 1)),
                Map.entry(station, replanRequest("pl_" + "x".repeat(100_000), 1)));
        bad.forEach(entry -> http.post().uri("/v1/stations/{id}/plans", entry.getKey())
                .headers(h -> h.setBearerAuth(ops)).bodyValue(entry.getValue()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("keepRoutesOf"));
        http.post().uri("/v1/stations/{id}/plans", station).headers(h -> h.setBearerAuth(dispatcherToken(dsp)))
                .bodyValue(replanRequest(readyId, 1)).exchange().expectStatus().isForbidden();
        // A plan that is no re-plan still needs a DSP share.
        http.post().uri("/v1/plans/{id}/publish", readyId).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("dsps", List.of())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("dsps");
    }
}
