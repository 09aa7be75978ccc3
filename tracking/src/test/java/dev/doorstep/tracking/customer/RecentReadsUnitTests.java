package dev.doorstep.tracking.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class RecentReadsUnitTests {

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger reads = new AtomicInteger();

    private Mono<String> read(String key) {
        return Mono.fromSupplier(() -> key + "#" + reads.incrementAndGet());
    }

    @Test
    void anAnswerIsKeptForAtMostItsMaxAge() {
        RecentReads<String, String> recent = new RecentReads<>(clock, Duration.ofSeconds(1), 100);

        assertThat(recent.get("a", this::read).block()).isEqualTo("a#1");
        clock.advance(Duration.ofMillis(999));
        assertThat(recent.get("a", this::read).block()).isEqualTo("a#1");
        clock.advance(Duration.ofMillis(1));
        assertThat(recent.get("a", this::read).block()).isEqualTo("a#2");
    }

    @Test
    void anAnswerPutFromElsewhereIsKeptForItsMaxAgeWithoutARead() {
        RecentReads<String, String> recent = new RecentReads<>(clock, Duration.ofSeconds(1), 100);

        recent.put("a", "a from elsewhere");

        assertThat(recent.get("a", this::read).block()).isEqualTo("a from elsewhere");
        clock.advance(Duration.ofSeconds(1));
        assertThat(recent.get("a", this::read).block()).isEqualTo("a#1");
    }

    @Test
    void nothingPutIsKeptWhenKeepingIsOff() {
        RecentReads<String, String> recent = new RecentReads<>(clock, Duration.ZERO, 100);

        recent.put("a", "a from elsewhere");

        assertThat(recent.get("a", this::read).block()).isEqualTo("a#1");
    }

    @Test
    void aForgottenKeyIsReadAgainAtOnce() {
        RecentReads<String, String> recent = new RecentReads<>(clock, Duration.ofSeconds(1), 100);
        recent.get("a", this::read).block();

        recent.forget("a");

        assertThat(recent.get("a", this::read).block()).isEqualTo("a#2");
    }

    @Test
    void errorsAreNeverKeptButEmptyAnswersAre() {
        RecentReads<String, String> recent = new RecentReads<>(clock, Duration.ofSeconds(1), 100);
        AtomicInteger failing = new AtomicInteger();
        Mono<String> fails = recent.get("x", k -> Mono.error(() -> new IllegalStateException("down " + failing.incrementAndGet())));
        assertThat(fails.onErrorResume(e -> Mono.just(e.getMessage())).block()).isEqualTo("down 1");
        assertThat(recent.get("x", k -> Mono.error(() -> new IllegalStateException("down " + failing.incrementAndGet())))
                .onErrorResume(e -> Mono.just(e.getMessage())).block()).isEqualTo("down 2");

        AtomicInteger empties = new AtomicInteger();
        recent.get("e", k -> Mono.<String>empty().doOnSubscribe(s -> empties.incrementAndGet())).block();
        recent.get("e", k -> Mono.<String>empty().doOnSubscribe(s -> empties.incrementAndGet())).block();
        assertThat(empties).hasValue(1);
    }

    @Test
    void aClockSetBackMakesKeptAnswersStale() {
        RecentReads<String, String> recent = new RecentReads<>(clock, Duration.ofSeconds(1), 100);
        recent.get("a", this::read).block();

        clock.advance(Duration.ofMillis(-1));

        assertThat(recent.get("a", this::read).block()).isEqualTo("a#2");
    }

    @Test
    void aFloodOfDistinctKeysStaysWithinTheBound() {
        RecentReads<String, String> recent = new RecentReads<>(clock, Duration.ofHours(1), 1_000);

        for (int i = 0; i < 10_000; i++) {
            recent.get("k" + i, this::read).block();
            assertThat(recent.size()).isLessThanOrEqualTo(1_000);
        }
    }

    @Test
    void aMaxAgeOfZeroReadsEveryTime() {
        RecentReads<String, String> recent = new RecentReads<>(clock, Duration.ZERO, 100);

        recent.get("a", this::read).block();

        assertThat(recent.get("a", this::read).block()).isEqualTo("a#2");
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
