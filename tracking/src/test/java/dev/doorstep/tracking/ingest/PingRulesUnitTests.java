package dev.doorstep.tracking.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.dispatch.errors.FieldError;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class PingRulesUnitTests {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");

    private final PingRules rules = new PingRules(new IngestSettings(500, DataSize.ofKilobytes(256),
            Duration.ofMinutes(2), Duration.ofHours(48), 250, 20_000, Duration.ofSeconds(30), Duration.ofSeconds(5),
            10_000));

    @Test
    void aPlainPingPasses() {
        assertThat(rules.check(ping(NOW, 47.61, -122.33, 8.5), NOW)).isNull();
    }

    @Test
    void theEdgesOfTheWorldAndOfTheTimeWindowAreStillGood() {
        assertThat(rules.check(ping(NOW.plus(Duration.ofMinutes(2)), 90.0, 180.0, 0.0), NOW)).isNull();
        assertThat(rules.check(ping(NOW.minus(Duration.ofHours(48)), -90.0, -180.0, null), NOW)).isNull();
    }

    @Test
    void eachRuleNamesItsField() {
        assertThat(rules.check(ping(null, 47.0, -122.0, null), NOW)).isEqualTo(new FieldError("ts", "is required"));
        assertThat(rules.check(ping(NOW, -90.01, -122.0, null), NOW).field()).isEqualTo("lat");
        assertThat(rules.check(ping(NOW, 47.0, 180.01, null), NOW).field()).isEqualTo("lon");
        assertThat(rules.check(ping(NOW, Double.NaN, -122.0, null), NOW))
                .isEqualTo(new FieldError("lat", "must be a finite number"));
        assertThat(rules.check(ping(NOW, 47.0, Double.POSITIVE_INFINITY, null), NOW).field()).isEqualTo("lon");
        assertThat(rules.check(ping(NOW, 47.0, -122.0, -0.1), NOW).field()).isEqualTo("accuracy");
        assertThat(rules.check(ping(NOW.plusSeconds(121), 47.0, -122.0, null), NOW))
                .isEqualTo(new FieldError("ts", "is more than 120 s in the future"));
        assertThat(rules.check(ping(NOW.minus(Duration.ofHours(48)).minusMillis(1), 47.0, -122.0, null), NOW))
                .isEqualTo(new FieldError("ts", "is older than 48 hours"));
    }

    @Test
    void anInfiniteOptionalValueIsRejectedToo() {
        PingDraft ping = new PingDraft(NOW, 47.0, -122.0, null, Double.NEGATIVE_INFINITY, null, null, null);
        assertThat(rules.check(ping, NOW)).isEqualTo(new FieldError("speed", "must be a finite number"));
    }

    private static PingDraft ping(Instant ts, Double lat, Double lon, Double accuracy) {
        return new PingDraft(ts, lat, lon, accuracy, null, null, null, null);
    }
}
