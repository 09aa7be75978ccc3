package dev.doorstep.tracking.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

class LiveViewerUnitTests {

    @Test
    void aViewerThatStopsReadingKeepsOnlyItsLastMovesAndNeverHoldsBackTheOthers() {
        Sinks.Many<LivePositions.Move> published = Sinks.many().multicast().directBestEffort();
        Flux<LivePositions.Move> moves = published.asFlux().share();
        List<Position> fastSaw = new ArrayList<>();
        LivePositions.viewer(moves, Flux.empty(), 16).subscribe(fastSaw::add);
        Stalled slow = new Stalled();
        LivePositions.viewer(moves, Flux.empty(), 16).subscribe(slow);

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
    void aViewerSeesOnlyTheMovesOfTheDriverDspOrStationItFollows() {
        LocalViewers viewers = new LocalViewers();
        List<Position> ofDspA = new ArrayList<>();
        List<Position> ofStation2 = new ArrayList<>();
        List<Position> ofDriver7 = new ArrayList<>();
        viewers.follow(LocalViewers.dsp("dsp_a")).map(LivePositions.Move::position).subscribe(ofDspA::add);
        viewers.follow(LocalViewers.station("st_2")).map(LivePositions.Move::position).subscribe(ofStation2::add);
        viewers.follow(LocalViewers.driver("drv_7")).map(LivePositions.Move::position).subscribe(ofDriver7::add);

        viewers.publish(new LivePositions.Move("dsp_b", "st_1", position("drv_1", 1)));
        viewers.publish(new LivePositions.Move("dsp_a", "st_1", position("drv_1", 2)));
        viewers.publish(new LivePositions.Move("dsp_b", "st_2", position("drv_1", 3)));
        viewers.publish(new LivePositions.Move("dsp_b", "st_1", position("drv_7", 4)));

        assertThat(ofDspA).extracting(Position::ts).containsExactly(Instant.ofEpochMilli(2));
        assertThat(ofStation2).extracting(Position::ts).containsExactly(Instant.ofEpochMilli(3));
        assertThat(ofDriver7).extracting(Position::ts).containsExactly(Instant.ofEpochMilli(4));
    }

    @Test
    void everyViewerOfOneKeySeesEachMoveAndTheGroupGoesWithItsLastViewer() {
        LocalViewers viewers = new LocalViewers();
        List<Position> first = new ArrayList<>();
        List<Position> second = new ArrayList<>();
        Disposable one = viewers.follow(LocalViewers.dsp("dsp_a")).map(LivePositions.Move::position)
                .subscribe(first::add);
        Disposable two = viewers.follow(LocalViewers.dsp("dsp_a")).map(LivePositions.Move::position)
                .subscribe(second::add);

        viewers.publish(new LivePositions.Move("dsp_a", "st_1", position("drv_1", 1)));
        one.dispose();
        viewers.publish(new LivePositions.Move("dsp_a", "st_1", position("drv_1", 2)));

        assertThat(first).extracting(Position::ts).containsExactly(Instant.ofEpochMilli(1));
        assertThat(second).extracting(Position::ts).containsExactly(Instant.ofEpochMilli(1), Instant.ofEpochMilli(2));
        assertThat(viewers.groups()).isEqualTo(1);
        two.dispose();
        assertThat(viewers.groups()).isZero();
        Disposable again = viewers.follow(LocalViewers.dsp("dsp_a")).subscribe(m -> first.add(m.position()));
        viewers.publish(new LivePositions.Move("dsp_a", "st_1", position("drv_1", 3)));
        assertThat(first).extracting(Position::ts).endsWith(Instant.ofEpochMilli(3));
        again.dispose();
    }

    private static LivePositions.Move move(int i) {
        return new LivePositions.Move("dsp_a", "st_1", position(i));
    }

    private static Position position(long ms) {
        return position("drv_1", ms);
    }

    private static Position position(String driverId, long ms) {
        return new Position(driverId, Instant.ofEpochMilli(ms), 47.6, -122.3, null, null, null, null, null);
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
