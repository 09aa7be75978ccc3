package dev.doorstep.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.doorstep.api.support.ApiIntegrationTest;
import io.micrometer.tracing.Tracer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;

/**
 * The probes answer from the application's availability state, as Spring Boot's own indicators did, in a security
 * chain of their own (no token read, the security headers written), and a probe answered 200 leaves no request line.
 * Tracing, off by default, leaves no trace on a request.
 */
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

    @Test
    void aProbeIgnoresATokenAndKeepsTheSecurityHeadersWhileTheRestOfActuatorStaysClosed() {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            plainClient(port).get().uri(probe).headers(h -> h.setBearerAuth("not-a-token")).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().exists("Cache-Control")
                    .expectHeader().exists(RequestLog.HEADER);
            plainClient(port).post().uri(probe).exchange().expectStatus().isUnauthorized();
        }
        plainClient(port).get().uri("/actuator/health").exchange().expectStatus().isUnauthorized();
        plainClient(port).get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        plainClient(port).get().uri("/v1/stations").headers(h -> h.setBearerAuth("not-a-token")).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aProbeAnswered200LeavesNoRequestLineAndAnyOtherAnswerDoes() throws Exception {
        ListAppender<ILoggingEvent> lines = requestLines();
        try {
            String quiet = "quiet-" + UUID.randomUUID();
            plainClient(port).get().uri("/actuator/health/liveness").header(RequestLog.HEADER, quiet).exchange()
                    .expectStatus().isOk();
            String down = "down-" + UUID.randomUUID();
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
            try {
                plainClient(port).get().uri("/actuator/health/readiness").header(RequestLog.HEADER, down)
                        .exchange().expectStatus().isEqualTo(503);
            } finally {
                AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
            }
            String closed = "closed-" + UUID.randomUUID();
            plainClient(port).get().uri("/actuator/health").header(RequestLog.HEADER, closed).exchange()
                    .expectStatus().isUnauthorized();
            awaitLineEndingWith(lines, closed); // the last one sent
            assertThat(messages(lines)).anyMatch(m -> m.startsWith("GET /actuator/health 401 ")
                    && m.endsWith(" ms id=" + closed));
            assertThat(messages(lines)).anyMatch(m -> m.startsWith("GET /actuator/health/readiness 503 ")
                    && m.endsWith("id=" + down));
            assertThat(messages(lines)).noneMatch(m -> m.contains(quiet));
        } finally {
            requests().detachAppender(lines);
        }
    }

    @Test
    void tracingOffByDefaultStartsNoSpanAndNamesNoTraceInTheLog() throws Exception {
        assertThat(context.getBean(Tracer.class)).isSameAs(Tracer.NOOP);
        ListAppender<ILoggingEvent> lines = requestLines();
        try {
            String id = "traced-" + UUID.randomUUID();
            plainClient(port).get().uri("/actuator/health").header(RequestLog.HEADER, id)
                    .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                    .exchange().expectStatus().isUnauthorized();
            awaitLineEndingWith(lines, id);
            assertThat(messages(lines)).anyMatch(m -> m.endsWith("id=" + id)).noneMatch(m -> m.contains("trace="));
        } finally {
            requests().detachAppender(lines);
        }
    }

    private static Logger requests() {
        return (Logger) LoggerFactory.getLogger("doorstep.requests");
    }

    private static ListAppender<ILoggingEvent> requestLines() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        requests().addAppender(lines);
        return lines;
    }

    /** Lines are written once the response has gone out. */
    private static void awaitLineEndingWith(ListAppender<ILoggingEvent> lines, String end) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(until) && messages(lines).stream().noneMatch(m -> m.endsWith(end))) {
            Thread.sleep(20);
        }
    }

    private static List<String> messages(ListAppender<ILoggingEvent> lines) {
        return List.copyOf(lines.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
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
