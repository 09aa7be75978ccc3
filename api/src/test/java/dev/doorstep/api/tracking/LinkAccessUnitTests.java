package dev.doorstep.api.tracking;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class LinkAccessUnitTests {

    @Test
    void aRevocationCheckSlowerThanItsPeriodNeverFailsTheStreamAndStillClosesIt() {
        AtomicInteger checks = new AtomicInteger();
        // Each check takes 12 s (a loaded node) while the period is 5 s; the third says the link is revoked.
        StepVerifier.withVirtualTime(() -> LinkAccess.closing(Duration.ofSeconds(5),
                        () -> Mono.just(checks.incrementAndGet() < 3).delayElement(Duration.ofSeconds(12))))
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(2))
                .verifyComplete();
    }

    @Test
    void aLinkThatStaysOpenNeverCloses() {
        StepVerifier.withVirtualTime(() -> LinkAccess.closing(Duration.ofSeconds(5), () -> Mono.just(true)))
                .expectSubscription()
                .thenAwait(Duration.ofHours(1))
                .expectNoEvent(Duration.ofSeconds(1))
                .thenCancel()
                .verify();
    }
}
