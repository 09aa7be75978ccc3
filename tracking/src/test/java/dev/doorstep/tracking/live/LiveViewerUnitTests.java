package dev.doorstep.tracking.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

class LiveViewerUnitTests {

    @Test
    void aViewerThatStopsReadingKeepsOnlyItsLastMovesAndNeverHoldsBackTheOthers() {
        Sinks.Many<LivePositions.Move> published = Sinks.many().multicast().directBestEffort();
        Flux<LivePositions.Move> moves = published.asFlux().share();
        List<Position> fastSaw = new ArrayList<>();
        LivePositions.viewer(moves, m -> true, Flux.empty(), 16).subscribe(fastSaw::add);
        Stalled slow = new Stalled();
        LivePositions.viewer(moves, m -> true, Flux.empty(), 16).subscribe(slow);

        for (int i = 0; i < 10_000; i++) {
            assertThat(published.tryEmitNext(move(i))).isEqualTo(Sinks.EmitResult.OK);
        }

        assertThat(fastSaw).hasSize(10_000);
        slow.request(Long.MAX_VALUE);
        // The merge inside the viewer prefetches a little beyond the buffer; what matters is the bound.
        assertThat(slow.received.get()).isLessThan(16 + 300);
        assertThat(slow.last.ts()).isEqualTo(Instant.ofEpochMilli(9_999));
    }

    @Test
    void aViewerSeesOnlyTheMovesItFollows() {
        Sinks.Many<LivePositions.Move> published = Sinks.many().multicast().directBestEffort();
        List<Position> saw = new ArrayList<>();
        LivePositions.viewer(published.asFlux(), m -> "dsp_a".equals(m.dspId()), Flux.empty(), 16).subscribe(saw::add);

        published.tryEmitNext(new LivePositions.Move("dsp_b", "st_1", position(1)));
        published.tryEmitNext(new LivePositions.Move("dsp_a", "st_1", position(2)));

        assertThat(saw).extracting(Position::ts).containsExactly(Instant.ofEpochMilli(2));
    }

    private static LivePositions.Move move(int i) {
        return new LivePositions.Move("dsp_a", "st_1", position(i));
    }

    private static Position position(long ms) {
        return new Position("drv_1", Instant.ofEpochMilli(ms), 47.6, -122.3, null, null, null, null, null);
    }

    /** Requests nothing until told. */
    private static final class Stalled extends BaseSubscriber<Position> {
        final AtomicInteger received = new AtomicInteger();
        Position last;

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
        }

        @Override
        protected void hookOnNext(Position value) {
            received.incrementAndGet();
            last = value;
        }
    }
}
