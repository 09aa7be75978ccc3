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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Travel times from an OSRM-style routing service (WireMock) that is down: the plan falls back and says so. */
class PlanningWithRoutingServiceIntegrationTests extends ApiIntegrationTest {

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

        Map<?, ?> plan = fixture.awaitDone(fixture.start(station,
                PlanningFixture.planRequest(PlanningFixture.fleetEntry(10, 4), 1)));

        assertThat(plan.get("status")).isEqualTo("READY");
        assertThat(plan.get("travelTimes")).isEqualTo("geodesic (routing service unavailable)");
        assertThat((List<?>) plan.get("routes")).isNotEmpty();
        assertThat(PlanFeasibility.violations(plan, packages, PlanningFixture.STATION, PlanningFixture.fleet(10, 4),
                PlanningFixture.ROAD_FACTOR)).isEmpty();
        assertThat(OSRM.getAllServeEvents()).isNotEmpty();
    }
}
