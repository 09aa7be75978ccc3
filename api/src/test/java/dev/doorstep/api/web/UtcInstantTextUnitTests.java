package dev.doorstep.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UtcInstantTextUnitTests {

    @Test
    void readsWhatTheIsoParserReadsForEveryFractionLength() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    random.nextInt(1_000_000_000));
            String full = DateTimeFormatter.ISO_INSTANT.format(instant);
            assertThat(UtcInstantText.parse(full)).isEqualTo(Instant.parse(full));
            String seconds = full.substring(0, 19);
            for (int digits = 0; digits <= 9; digits++) {
                String text = seconds + (digits == 0 ? "" : "." + String.format("%09d", instant.getNano())
                        .substring(0, digits)) + "Z";
                assertThat(UtcInstantText.parse(text)).as(text).isEqualTo(Instant.parse(text));
            }
        }
    }

    @Test
    void leavesEveryOtherFormToTheStandardReader() {
        for (String text : new String[] {"2026-12-03T10:15:30+01:00", "2026-12-03t10:15:30z", "2026-12-03 10:15:30Z",
                "2026-12-03T10:15:30.Z", "2026-12-03T10:15:30.1234567890Z", "2026-02-30T10:15:30Z",
                "2026-12-03T24:00:00Z", "2016-12-31T23:59:60Z", "+2026-12-03T10:15:30Z", "2026-1a-03T10:15:30Z",
                "2026-12-03T10:15Z", "1764756930", ""}) {
            assertThat(UtcInstantText.parse(text)).as(text).isNull();
        }
    }
}
