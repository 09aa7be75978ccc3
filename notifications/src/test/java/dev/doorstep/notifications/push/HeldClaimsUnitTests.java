package dev.doorstep.notifications.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.dispatch.jobs.ThisNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class HeldClaimsUnitTests {

    private final PushSettings settings = new PushSettings(true, "g", Duration.ofMillis(100), 10, 10,
            Duration.ofSeconds(60), 20, Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofSeconds(1),
            Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofSeconds(60), 3);
    private final HeldClaims held = new HeldClaims(null, settings, new ThisNode("node-a"));

    @Test
    void aClaimIsHeldForRenewalExactlyWhileItsSendRunsWhetherItEndsWellOrBadly() {
        Sinks.One<String> answer = Sinks.one();
        Sinks.One<String> failing = Sinks.one();
        var first = held.during(1, List.of("a", "b"), answer.asMono()).toFuture();
        var second = held.during(2, List.of("a"), failing.asMono()).toFuture();
        assertThat(held.size()).isEqualTo(3);
        answer.tryEmitValue("sent");
        assertThat(first.join()).isEqualTo("sent");
        assertThat(held.size()).isEqualTo(1);
        failing.tryEmitError(new IllegalStateException("boom"));
        assertThatThrownBy(second::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(held.size()).isZero();
        // Nothing held: the renewal makes no statement at all.
        assertThat(held.renewAll().block()).isZero();
    }

    @Test
    void theClaimsCarryTheNodesOneName() {
        assertThat(held.node()).isEqualTo("node-a");
    }

    @Test
    void theRenewalRunsEveryThirdOfTheLease() {
        assertThat(held.schedule().every()).isEqualTo(Duration.ofSeconds(40));
        assertThat(held.schedule().enabled()).isTrue();
    }

    @Test
    void aSendNeverSubscribedHoldsNothing() {
        Mono<String> never = held.during(3, List.of("c"), Mono.just("x"));
        assertThat(held.size()).isZero();
        assertThat(never.block()).isEqualTo("x");
        assertThat(held.size()).isZero();
    }
}
