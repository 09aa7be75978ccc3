package dev.doorstep.api.operations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.doorstep.api.support.ApiIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Traces through OpenTelemetry, exported over OTLP/HTTP (protobuf) to a receiver on loopback (WireMock): a request
 * becomes a server span with its method, route and status, in the service's resource; a request with a W3C
 * {@code traceparent} continues that trace (same trace id, the caller's span as parent), even at a sampling of 0;
 * the request's log line names the trace id.
 */
class OpenTelemetryTracingIntegrationTests extends ApiIntegrationTest {

    private static final WireMockServer COLLECTOR = new WireMockServer(options().dynamicPort());

    static {
        COLLECTOR.start();
        COLLECTOR.stubFor(post(urlEqualTo("/v1/traces")).willReturn(aResponse().withStatus(200)));
    }

    @DynamicPropertySource
    static void tracing(DynamicPropertyRegistry registry) {
        registry.add("management.tracing.enabled", () -> "true");
        // Only what an upstream caller sampled: the traceparent's flag decides.
        registry.add("management.tracing.sampling.probability", () -> "0.0");
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint",
                () -> COLLECTOR.baseUrl() + "/v1/traces");
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
    }

    @Autowired
    private LettuceConnectionFactory redis;

    @AfterAll
    static void stop() {
        COLLECTOR.stop();
    }

    @Test
    void aRequestWithATraceparentIsExportedAsASpanOfThatTrace() throws Exception {
        String traceId = hex(16);
        String parentSpanId = hex(8);
        String ops = opsToken();
        String station = createStation(ops);
        ListAppender<ILoggingEvent> requestLines = new ListAppender<>();
        Logger requests = (Logger) LoggerFactory.getLogger("doorstep.requests");
        requestLines.start();
        requests.addAppender(requestLines);
        try {
            plainClient(port).get().uri("/v1/stations/{id}", station)
                    .headers(h -> h.setBearerAuth(ops))
                    .header("traceparent", "00-" + traceId + "-" + parentSpanId + "-01")
                    .exchange().expectStatus().isOk();
            // The request line names the trace, for a log search from a trace and back; it is written once the
            // response has gone out.
            String line = "GET /v1/stations/" + station + " 200 ";
            Instant until = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(until) && List.copyOf(requestLines.list).stream()
                    .noneMatch(event -> event.getFormattedMessage().startsWith(line))) {
                Thread.sleep(20);
            }
            assertThat(List.copyOf(requestLines.list)).anySatisfy(event -> assertThat(event.getFormattedMessage())
                    .startsWith(line).endsWith(" trace=" + traceId));
        } finally {
            requests.detachAppender(requestLines);
        }

        // The server span, child of the caller's span (the span ids are bytes on the wire in protobuf). Spans of
        // the same trace inside the app (the security filter chains) may come in other batches.
        byte[] export = exportContaining(Duration.ofSeconds(30), HexFormat.of().parseHex(traceId),
                HexFormat.of().parseHex(parentSpanId));
        assertThat(export).as("an OTLP export with the trace id and the caller's span as parent").isNotNull();
        String text = new String(export, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("service.name", "doorstep", "/v1/stations/{id}", "GET", "200");
    }

    @Test
    void withTracingOnRedisCommandsAreObserved() {
        assertThat(redis.getClientConfiguration().getClientResources().orElseThrow().tracing().isEnabled()).isTrue();
    }

    @Test
    void aRequestNotSampledUpstreamIsNotExported() throws Exception {
        String traceId = hex(16);
        plainClient(port).get().uri("/actuator/health/liveness")
                .header("traceparent", "00-" + traceId + "-" + hex(8) + "-00")
                .exchange().expectStatus().isOk();
        // A sampled request after it: once its span is exported, the unsampled one would have been too.
        String sampled = hex(16);
        plainClient(port).get().uri("/actuator/health/liveness")
                .header("traceparent", "00-" + sampled + "-" + hex(8) + "-01")
                .exchange().expectStatus().isOk();
        assertThat(exportContaining(Duration.ofSeconds(30), HexFormat.of().parseHex(sampled))).isNotNull();
        assertThat(exportContaining(Duration.ZERO, HexFormat.of().parseHex(traceId))).isNull();
    }

    /** The first export body holding each of {@code parts}, waiting up to {@code wait} for the batch processor. */
    private static byte[] exportContaining(Duration wait, byte[]... parts) throws InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        do {
            List<LoggedRequest> exports = COLLECTOR.findAll(postRequestedFor(urlEqualTo("/v1/traces")));
            for (LoggedRequest export : exports) {
                assertThat(export.getHeader("Content-Type")).isEqualTo("application/x-protobuf");
                if (Arrays.stream(parts).allMatch(part -> indexOf(export.getBody(), part) >= 0)) {
                    return export.getBody();
                }
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        return null;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
