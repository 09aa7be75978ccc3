package dev.doorstep.api.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.PlanFeasibility;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.dispatch.planning.PlanQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Travel times from an OSRM-style routing service (WireMock) that is down: the plan falls back and says so. */
class PlanningWithRoutingServiceIntegrationTests extends ApiIntegrationTest {

    @Autowired
    private DatabaseClient db;
    @Autowired
    private PlanQueue queue;

    private static final WireMockServer OSRM = new WireMockServer(options().dynamicPort());

    static {
        OSRM.start();
        OSRM.stubFor(get(urlPathMatching("/table/v1/driving/.*")).willReturn(aResponse().withStatus(503)));
    }

    @DynamicPropertySource
    static void routingService(DynamicPropertyRegistry registry) {
        registry.add("doorstep.dispatch.planning.osrm-url", OSRM::baseUrl);
    }

    @AfterAll
    static void stop() {
        OSRM.stop();
    }

    @Test
    void planSaysItFellBackToGeodesicTimesWhenTheRoutingServiceIsDown() {
        String ops = opsToken();
        String station = createStation(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        Map<String, PlanFeasibility.Pkg> packages = fixture.importPackages(station, 20, 3);

        // Every app context the test JVM keeps is a node of the plan queue; only this one knows the routing service.
        Map<?, ?> plan = null;
        for (int attempt = 0; attempt < 5 && plan == null; attempt++) {
            String location = fixture.start(station, PlanningFixture.planRequest(PlanningFixture.fleetEntry(10, 4), 1));
            Map<?, ?> done = fixture.awaitDone(location);
            String solver = db.sql("SELECT solver_node FROM plans WHERE id = :id")
                    .bind("id", location.substring(location.lastIndexOf('/') + 1))
                    .map(row -> row.get(0, String.class)).one().block(Duration.ofSeconds(10));
            plan = queue.node().equals(solver) ? done : null;
        }
        assertThat(plan).as("a plan solved by this node").isNotNull();

        assertThat(plan.get("status")).isEqualTo("READY");
        assertThat(plan.get("travelTimes")).isEqualTo("geodesic (routing service unavailable)");
        assertThat((List<?>) plan.get("routes")).isNotEmpty();
        assertThat(PlanFeasibility.violations(plan, packages, PlanningFixture.STATION, PlanningFixture.fleet(10, 4),
                PlanningFixture.ROAD_FACTOR)).isEmpty();
        assertThat(OSRM.getAllServeEvents()).isNotEmpty();
    }
}
