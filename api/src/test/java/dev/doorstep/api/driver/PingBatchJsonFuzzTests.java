package dev.doorstep.api.driver;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.doorstep.api.problems.TooLarge;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.tracking.ingest.PingEntry;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whatever body a driver app uploads, the ping batch reader answers with one entry per element (a ping or why it
 * is unreadable) or refuses the body with a 400 or 413 problem; no other exception escapes. Seeds under
 * src/test/resources/dev/doorstep/api/driver/PingBatchJsonFuzzTestsInputs.
 */
class PingBatchJsonFuzzTests {

    private static final int MAX_BATCH = 50;
    // As Spring Boot configures the application's mapper: unknown properties are ignored.
    private static final PingBatchJson READER = new PingBatchJson(
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build(), MAX_BATCH);

    @FuzzTest(maxDuration = "60s", maxExecutions = 100_000)
    void anyBodyGivesEntriesOrAClearRefusal(byte[] body) {
        List<PingEntry> batch;
        try {
            batch = READER.read(new ByteArrayInputStream(body));
        } catch (ServerWebInputException | InvalidInput | TooLarge refused) {
            return;
        }
        assertThat(batch).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_BATCH);
        for (PingEntry entry : batch) {
            assertThat(entry.draft() == null).isNotEqualTo(entry.unreadable() == null);
        }
    }
}
