package dev.doorstep.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonValuesUnitTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2026-03-05T19:24:29Z");

    @Test
    void aTimeIsReadFromIsoTextOrEpochNumbers() {
        assertThat(JsonValues.time(location("\"2026-03-05T19:24:29Z\""), "timestamp", "location.timestamp"))
                .isEqualTo(AT);
        assertThat(JsonValues.time(location(Long.toString(AT.getEpochSecond())), "timestamp", "location.timestamp"))
                .isEqualTo(AT);
        assertThat(JsonValues.time(location(Long.toString(AT.toEpochMilli())), "timestamp", "location.timestamp"))
                .isEqualTo(AT);
    }

    @Test
    void anAbsentOrNullTimeIsNoTime() {
        assertThat(JsonValues.time(JSON.readTree("{}"), "timestamp", "location.timestamp")).isNull();
        assertThat(JsonValues.time(location("null"), "timestamp", "location.timestamp")).isNull();
    }

    @Test
    void aBooleanObjectOrArrayTimeIsUnreadableAndNamesItsPath() {
        for (String value : new String[] {"true", "{}", "[]", "[1733200000]", "\"yesterday\""}) {
            assertThatThrownBy(() -> JsonValues.time(location(value), "timestamp", "location.timestamp"))
                    .as(value)
                    .isInstanceOfSatisfying(DeviceParams.Unreadable.class,
                            e -> assertThat(e.field()).isEqualTo("location.timestamp"));
        }
    }

    private static JsonNode location(String timestamp) {
        return JSON.readTree("{\"timestamp\":" + timestamp + "}");
    }
}
