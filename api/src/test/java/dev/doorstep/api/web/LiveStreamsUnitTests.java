package dev.doorstep.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.tracking.live.LiveSettings;
import dev.doorstep.tracking.live.Position;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class LiveStreamsUnitTests {

    private final LiveStreams streams = new LiveStreams(new LiveSettings(Duration.ofSeconds(15), 256));

    @Test
    void aQuietStreamSendsAHeartbeatEvery15Seconds() {
        StepVerifier.withVirtualTime(() -> streams.events(Flux.never()))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(14))
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(e -> assertThat(e.comment()).isEqualTo("heartbeat"))
                .thenAwait(Duration.ofSeconds(15))
                .assertNext(e -> assertThat(e.comment()).isEqualTo("heartbeat"))
                .thenCancel()
                .verify();
    }

    @Test
    void positionsAreSentAsPositionEvents() {
        Position p = new Position("drv_1", Instant.EPOCH, 47.6, -122.3, null, null, null, null, null);
        StepVerifier.withVirtualTime(() -> streams.events(Flux.just(p)))
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("position");
                    assertThat(e.data()).isEqualTo(p);
                })
                .thenCancel()
                .verify();
    }
}
