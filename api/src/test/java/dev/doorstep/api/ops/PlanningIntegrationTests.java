package dev.doorstep.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.PlanFeasibility;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.dispatch.jobs.ThisNode;
import dev.doorstep.dispatch.planning.PlanQueue;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

class PlanningIntegrationTests extends ApiIntegrationTest {

    @Autowired
    private PlanQueue queue;
    @Autowired
    private ThisNode node;
    @Autowired
    private JsonMapper json;
    @Autowired
    private DatabaseClient db;

    @Test
    void planIsAJobThatReportsProgressThenFeasibleRoutes() {
        String ops = opsToken();
        String station = createStation(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        Map<String, PlanFeasibility.Pkg> packages = fixture.importPackages(station, 80, 7);

        String location = fixture.start(station, PlanningFixture.planRequest(PlanningFixture.fleetEntry(15, 10), 2));
        assertThat(location).startsWith("/v1/plans/pl");
        Map<?, ?> plan = fixture.awaitDone(location);

        assertThat(plan.get("status")).isEqualTo("READY");
        assertThat(plan.get("progressPercent")).isEqualTo(100);
        assertThat(plan.get("travelTimes")).isEqualTo("geodesic");
        assertThat(plan.get("packageCount")).isEqualTo(80);
        assertThat((List<?>) plan.get("unplannedPackages")).isEmpty();
        assertThat((List<?>) plan.get("routes")).hasSizeBetween(6, 10);
        assertThat(PlanFeasibility.violations(plan, packages, PlanningFixture.STATION, PlanningFixture.fleet(15, 10),
                PlanningFixture.ROAD_FACTOR)).isEmpty();
    }

    @Test
    void packagesBeyondTheFleetsCapacityAreReportedUnplanned() {
        String ops = opsToken();
        String station = createStation(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        Map<String, PlanFeasibility.Pkg> packages = fixture.importPackages(station, 30, 11);
        Map<String, Object> oneSmallVan = PlanningFixture.fleetEntry(10, 1);

        Map<?, ?> plan = fixture.awaitDone(fixture.start(station, PlanningFixture.planRequest(oneSmallVan, 1)));

        assertThat(plan.get("status")).isEqualTo("READY");
        assertThat((List<?>) plan.get("routes")).hasSize(1);
        assertThat((List<?>) plan.get("unplannedPackages")).hasSizeGreaterThanOrEqualTo(20);
        assertThat(PlanFeasibility.violations(plan, packages, PlanningFixture.STATION, PlanningFixture.fleet(10, 1),
                PlanningFixture.ROAD_FACTOR)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFeasibilityCheckerCatchesOverloadedAndDuplicatedRoutes() {
        String ops = opsToken();
        String station = createStation(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        Map<String, PlanFeasibility.Pkg> packages = fixture.importPackages(station, 20, 5);
        Map<?, ?> plan = fixture.awaitDone(fixture.start(station,
                PlanningFixture.planRequest(PlanningFixture.fleetEntry(10, 4), 1)));

        assertThat(PlanFeasibility.violations(plan, packages, PlanningFixture.STATION, PlanningFixture.fleet(1, 4),
                PlanningFixture.ROAD_FACTOR)).anyMatch(v -> v.contains("over capacity"));
        Map<String, Object> doubled = new HashMap<>((Map<String, Object>) plan);
        List<Object> routes = new java.util.ArrayList<>((List<?>) plan.get("routes"));
        routes.add(routes.get(0));
        doubled.put("routes", routes);
        assertThat(PlanFeasibility.violations(doubled, packages, PlanningFixture.STATION, PlanningFixture.fleet(10, 40),
                PlanningFixture.ROAD_FACTOR)).anyMatch(v -> v.contains("served 2 times"));
    }

    @Test
    void thePlanQueueLeasesUnderTheNodesOneName() {
        // The same name as the push send claims (HeldClaims takes the same bean): one node, one name in every lease.
        assertThat(queue.node()).isEqualTo(node.name()).contains("@");
    }

    @Test
    void aPlanWhoseNodeStoppedMidSolveIsSolvedAgainOnceItsLeaseRunsOut() {
        String ops = opsToken();
        String station = createStation(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        fixture.importPackages(station, 12, 5);
        String planId = "pl_orphan_" + unique();
        // As a node leaves it when it dies mid-solve: claimed, its lease run out, never renewed.
        queuedPlan(planId, station, json.writeValueAsString(PlanningFixture.planRequest(PlanningFixture.fleetEntry(10, 4), 1)),
                1);

        Map<?, ?> plan = fixture.awaitDone("/v1/plans/" + planId);

        assertThat(plan.get("status")).isEqualTo("READY");
        assertThat(plan.get("packageCount")).isEqualTo(12);
        Map<String, Object> row = db.sql("SELECT solver_node, attempts FROM plans WHERE id = :id").bind("id", planId)
                .fetch().one().block(Duration.ofSeconds(10));
        // Solved again by a live node: this one, or another app context the test JVM keeps cached (each is a node).
        assertThat(row).containsEntry("attempts", 2);
        assertThat(row.get("solver_node")).isNotNull().isNotEqualTo("a-node-that-died");
    }

    @Test
    void aPlanWhoseSolvingStoppedNodesTooOftenOrWithoutItsRequestIsFailed() {
        String ops = opsToken();
        String station = createStation(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        String tooOften = "pl_stops_nodes_" + unique();
        String withoutRequest = "pl_before_queue_" + unique();
        queuedPlan(tooOften, station, json.writeValueAsString(PlanningFixture.planRequest(PlanningFixture.fleetEntry(10, 4), 1)),
                3);
        queuedPlan(withoutRequest, station, null, 1);

        for (String planId : List.of(tooOften, withoutRequest)) {
            Map<?, ?> plan = fixture.awaitDone("/v1/plans/" + planId);
            assertThat(plan.get("status")).as(planId).isEqualTo("FAILED");
            assertThat((String) plan.get("failure")).contains("re-run");
        }
    }

    /** A RUNNING plan claimed {@code attempts} times by a node that is gone, its lease past. */
    private void queuedPlan(String planId, String station, String request, int attempts) {
        db.sql("INSERT INTO plans (id, station_id, service_date, status, budget_seconds, request, solver_node, "
                        + "lease_until, attempts) VALUES (:id, :station, :date, 'RUNNING', 1, CAST(:request AS jsonb), "
                        + "'a-node-that-died', now() - interval '1 second', :attempts)")
                .bind("id", planId).bind("station", station).bind("date", PlanningFixture.DAY)
                .bind("request", Parameters.in(R2dbcType.VARCHAR, request)).bind("attempts", attempts)
                .then().block(Duration.ofSeconds(10));
    }

    @Test
    void aDayWithoutPackagesPlansNoRoutes() {
        String ops = opsToken();
        String station = createStation(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);

        Map<?, ?> plan = fixture.awaitDone(fixture.start(station,
                PlanningFixture.planRequest(PlanningFixture.fleetEntry(10, 2), 1)));

        assertThat(plan.get("status")).isEqualTo("READY");
        assertThat((List<?>) plan.get("routes")).isEmpty();
        assertThat(plan.get("packageCount")).isEqualTo(0);
    }

    @Test
    void badPlanRequestsNameTheField() {
        String ops = opsToken();
        String station = createStation(ops);
        Map<String, Object> twice = new HashMap<>(PlanningFixture.planRequest(PlanningFixture.fleetEntry(10, 2), 1));
        twice.put("fleet", List.of(PlanningFixture.fleetEntry(10, 2), PlanningFixture.fleetEntry(20, 1)));
        http.post().uri("/v1/stations/{id}/plans", station).headers(h -> h.setBearerAuth(ops)).bodyValue(twice)
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("fleet");

        Map<String, Object> tooLong = new HashMap<>(PlanningFixture.planRequest(PlanningFixture.fleetEntry(10, 2), 1));
        tooLong.put("timeBudgetSeconds", 599);
        http.post().uri("/v1/stations/{id}/plans", station).headers(h -> h.setBearerAuth(ops)).bodyValue(tooLong)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("timeBudgetSeconds");

        Map<String, Object> noDate = new HashMap<>(PlanningFixture.planRequest(PlanningFixture.fleetEntry(10, 2), 1));
        noDate.remove("date");
        http.post().uri("/v1/stations/{id}/plans", station).headers(h -> h.setBearerAuth(ops)).bodyValue(noDate)
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("date");
    }

    @Test
    void planningAnUnknownStationIsNotFound() {
        http.post().uri("/v1/stations/{id}/plans", "st_missing").headers(h -> h.setBearerAuth(opsToken()))
                .bodyValue(PlanningFixture.planRequest(PlanningFixture.fleetEntry(10, 2), 1))
                .exchange().expectStatus().isNotFound();
        http.get().uri("/v1/plans/{id}", "pl_missing").headers(h -> h.setBearerAuth(opsToken()))
                .exchange().expectStatus().isNotFound();
    }
}
