package dev.doorstep.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.doorstep.tracking.ingest.PingEntry;
import java.net.URI;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.util.MultiValueMap;

/**
 * Whatever query an OsmAnd device sends, it is read into a ping or into the name of the field that is not
 * readable (a per-ping rejection), never into an exception that would answer 500. The query goes through the
 * same parsing as a real request's. Seeds under src/test/resources/dev/doorstep/api/ingest/OsmandPingFuzzTestsInputs.
 */
class OsmandPingFuzzTests {

    /** A ping without a timestamp takes the time it arrived. */
    private static final Instant ARRIVAL = Instant.parse("2030-01-01T00:00:00Z");

    @FuzzTest(maxDuration = "60s", maxExecutions = 1_000_000)
    void anyQueryGivesAPingOrAFieldError(byte[] query) {
        MultiValueMap<String, String> params;
        try {
            URI uri = URI.create("/v1/ingest/osmand?" + new String(query, StandardCharsets.ISO_8859_1));
            params = MockServerHttpRequest.method(HttpMethod.GET, uri).build().getQueryParams();
        } catch (IllegalArgumentException notAUri) {
            // No HTTP server hands such a request line to the app.
            return;
        }
        PingEntry entry = new OsmandPing(new DeviceParams(params::getFirst)).entry(ARRIVAL);
        assertThat(entry.draft() == null).isNotEqualTo(entry.unreadable() == null);
        if (entry.unreadable() != null) {
            assertThat(entry.unreadable().field()).isNotBlank();
        }
    }
}
