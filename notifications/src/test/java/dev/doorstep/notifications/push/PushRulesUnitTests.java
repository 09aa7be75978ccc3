package dev.doorstep.notifications.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class PushRulesUnitTests {

    private final PushSettings settings = new PushSettings(true, "g", Duration.ofMillis(100), 10, 10,
            Duration.ofSeconds(60), 20, Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofSeconds(1),
            Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofSeconds(60), 3);

    @Test
    void anAttemptedPackageGoesBackToTheSenderAfterARefusalOrTheLastAttemptElseIsTriedAgain() {
        assertThat(CustomerNotices.next("CUSTOMER_UNAVAILABLE", 1, 3)).isEqualTo("RETRY");
        assertThat(CustomerNotices.next("CUSTOMER_UNAVAILABLE", 2, 3)).isEqualTo("RETRY");
        assertThat(CustomerNotices.next("CUSTOMER_UNAVAILABLE", 3, 3)).isEqualTo("RETURN");
        assertThat(CustomerNotices.next("REFUSED", 1, 3)).isEqualTo("RETURN");
        assertThat(CustomerNotices.next("WRONG_ADDRESS", 1, 3)).isEqualTo("RETURN");
    }

    @Test
    void aClickOnAWebNotificationOpensTheTrackingPageOnlyWhenItIsHttps() {
        assertThat(FcmSender.clickLink(new Push("t", "a", "b", java.util.Map.of("trackingUrl",
                "https://track.example/track/abc")))).isEqualTo("https://track.example/track/abc");
        assertThat(FcmSender.clickLink(new Push("t", "a", "b", java.util.Map.of("trackingUrl",
                "http://localhost:8080/track/abc")))).isNull();
        assertThat(FcmSender.clickLink(new Push("t", "a", "b", java.util.Map.of("type", "DELIVERED")))).isNull();
    }

    @Test
    void arrivingSaysNextOneStopOrStopsAway() {
        assertThat(CustomerNotices.template(CustomerNotices.Kind.ARRIVING, "0")).isEqualTo("package.ARRIVING_NEXT");
        assertThat(CustomerNotices.template(CustomerNotices.Kind.ARRIVING, "1")).isEqualTo("package.ARRIVING_ONE");
        assertThat(CustomerNotices.template(CustomerNotices.Kind.ARRIVING, "3")).isEqualTo("package.ARRIVING");
        assertThat(CustomerNotices.template(CustomerNotices.Kind.DELIVERED, null)).isEqualTo("package.DELIVERED");
    }

    @RepeatedTest(20)
    void backoffDoublesWithJitterAndNeverUndercutsRetryAfter() {
        Pushes pushes = new Pushes(null, null, null, null, null, null, settings, null);
        assertThat(pushes.delay(1, Duration.ZERO).toMillis()).isBetween(500L, 1_000L);
        assertThat(pushes.delay(3, Duration.ZERO).toMillis()).isBetween(2_000L, 4_000L);
        assertThat(pushes.delay(30, Duration.ZERO).toMillis()).isBetween(30_000L, 60_000L);
        assertThat(pushes.delay(1, Duration.ofSeconds(7)).toMillis()).isEqualTo(7_000L);
    }
}
