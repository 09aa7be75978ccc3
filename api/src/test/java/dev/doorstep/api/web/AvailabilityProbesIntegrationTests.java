package dev.doorstep.api.web;

import dev.doorstep.api.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;

/** The probes answer from the application's availability state, as Spring Boot's own indicators did. */
class AvailabilityProbesIntegrationTests extends ApiIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void livenessFollowsTheLivenessState() {
        probeFollows("/actuator/health/liveness", "livenessState", LivenessState.BROKEN, "DOWN",
                LivenessState.CORRECT);
    }

    @Test
    void readinessFollowsTheReadinessState() {
        probeFollows("/actuator/health/readiness", "readinessState", ReadinessState.REFUSING_TRAFFIC,
                "OUT_OF_SERVICE", ReadinessState.ACCEPTING_TRAFFIC);
    }

    private void probeFollows(String probe, String component, AvailabilityState bad, String badStatus,
            AvailabilityState good) {
        String status = "$.components." + component + ".status";
        plainClient(port).get().uri(probe).exchange().expectStatus().isOk().expectBody().jsonPath(status)
                .isEqualTo("UP");
        try {
            AvailabilityChangeEvent.publish(context, bad);
            plainClient(port).get().uri(probe).exchange().expectStatus().isEqualTo(503).expectBody()
                    .jsonPath(status).isEqualTo(badStatus);
        } finally {
            AvailabilityChangeEvent.publish(context, good);
        }
        plainClient(port).get().uri(probe).exchange().expectStatus().isOk();
    }
}
