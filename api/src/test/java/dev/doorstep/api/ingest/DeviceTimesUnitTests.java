package dev.doorstep.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeviceTimesUnitTests {

    private static final Instant AT = Instant.parse("2026-03-05T19:24:29Z");

    @Test
    void epochBelowTwoToThe31IsSecondsAndAboveIsMillisecondsAsTraccarReadsIt() {
        assertThat(DeviceTimes.parse(Long.toString(AT.getEpochSecond()))).isEqualTo(AT);
        assertThat(DeviceTimes.parse(Long.toString(AT.toEpochMilli() + 949))).isEqualTo(AT.plusMillis(949));
        assertThat(DeviceTimes.parse(AT.getEpochSecond() + ".5")).isEqualTo(AT.plusMillis(500));
    }

    @Test
    void isoTimesWithEveryOffsetSpellingAreTheSameInstant() {
        assertThat(DeviceTimes.parse("2026-03-05T19:24:29Z")).isEqualTo(AT);
        assertThat(DeviceTimes.parse("2026-03-05T21:24:29+02:00")).isEqualTo(AT);
        assertThat(DeviceTimes.parse("2026-03-05T12:24:29-0700")).as("Overland").isEqualTo(AT);
        assertThat(DeviceTimes.parse("2026-03-05T21:24:29 02:00")).as("a '+' decoded to a space").isEqualTo(AT);
        assertThat(DeviceTimes.parse("2026-03-05T19:24:29.949Z")).isEqualTo(AT.plusMillis(949));
    }

    @Test
    void aTimeWithoutOffsetIsUtcWhetherSeparatedByTOrASpace() {
        assertThat(DeviceTimes.parse("2026-03-05T19:24:29")).isEqualTo(AT);
        assertThat(DeviceTimes.parse("2026-03-05 19:24:29")).isEqualTo(AT);
    }

    @Test
    void anythingElseIsUnreadable() {
        assertThatThrownBy(() -> DeviceTimes.parse("yesterday")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> DeviceTimes.parse("2026-13-05 19:24:29")).isInstanceOf(DateTimeException.class);
    }
}
