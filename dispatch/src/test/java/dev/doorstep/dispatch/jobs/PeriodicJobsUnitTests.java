package dev.doorstep.dispatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

class PeriodicJobsUnitTests {

    @Test
    void runsLongerThanThePaceNeitherEndTheScheduleNorOverlap() throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch tenRuns = new CountDownLatch(10);
        Disposable schedule = PeriodicJobs.rounds(Duration.ofMillis(5), () -> Mono.defer(() -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            return Mono.delay(Duration.ofMillis(40));
        }).doOnSuccess(done -> {
            running.decrementAndGet();
            tenRuns.countDown();
        }), "slow").subscribe();
        try {
            assertThat(tenRuns.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(mostAtOnce.get()).isEqualTo(1);
        } finally {
            schedule.dispose();
        }
    }

    @Test
    void aFailedRoundIsLoggedAndTheNextRoundRuns() throws InterruptedException {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        Disposable schedule = PeriodicJobs.rounds(Duration.ofMillis(5), () -> Mono.defer(() -> {
            third.countDown();
            return rounds.incrementAndGet() == 1 ? Mono.error(new IllegalStateException("first round fails"))
                    : Mono.just(1);
        }), "failing once").subscribe();
        try {
            assertThat(third.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            schedule.dispose();
        }
    }

    @Test
    void aRoundThatNeverEndsIsCancelledAtItsLimitAndTheNextRoundRuns() throws InterruptedException {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch cancelled = new CountDownLatch(1);
        CountDownLatch secondRound = new CountDownLatch(1);
        Disposable schedule = PeriodicJobs.rounds(Duration.ofMillis(5), Duration.ofMillis(200), () -> Mono.defer(() -> {
            if (rounds.incrementAndGet() == 1) {
                return Mono.never().doOnCancel(cancelled::countDown);
            }
            secondRound.countDown();
            return Mono.just(1);
        }), "hanging once").subscribe();
        try {
            assertThat(secondRound.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cancelled.getCount()).isZero();
        } finally {
            schedule.dispose();
        }
    }

    @Test
    void aRoundMayRunAsLongAsItsPeriodAndNeverLessThanHalfAMinute() {
        assertThat(PeriodicJobs.roundLimit(Duration.ofMillis(100))).isEqualTo(Duration.ofSeconds(30));
        assertThat(PeriodicJobs.roundLimit(Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theContextStartsEachEnabledJobAtTheClocksTimeAndStopsThemAll() throws InterruptedException {
        Instant clockSays = Instant.parse("2026-03-02T06:00:00Z");
        List<Instant> onRuns = new CopyOnWriteArrayList<>();
        List<Instant> offRuns = new CopyOnWriteArrayList<>();
        CountDownLatch twoRuns = new CountDownLatch(2);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("on", job("on", true, now -> {
            onRuns.add(now);
            twoRuns.countDown();
        }));
        beans.addBean("off", job("off", false, offRuns::add));
        PeriodicJobs jobs = new PeriodicJobs(beans.getBeanProvider(PeriodicJob.class),
                Clock.fixed(clockSays, ZoneOffset.UTC));

        jobs.start();
        try {
            assertThat(jobs.isRunning()).isTrue();
            assertThat(twoRuns.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            jobs.stop();
        }
        assertThat(jobs.isRunning()).isFalse();
        assertThat(onRuns).allMatch(clockSays::equals);
        assertThat(offRuns).isEmpty();
    }

    private static PeriodicJob job(String name, boolean enabled, java.util.function.Consumer<Instant> run) {
        return () -> PeriodicJob.Schedule.every(Duration.ofMillis(5), name,
                now -> Mono.fromRunnable(() -> run.accept(now))).onlyIf(enabled);
    }
}
