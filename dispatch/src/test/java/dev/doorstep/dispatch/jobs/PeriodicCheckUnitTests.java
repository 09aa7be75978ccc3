package dev.doorstep.dispatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

class PeriodicCheckUnitTests {

    @Test
    void runsLongerThanThePaceNeitherEndTheScheduleNorOverlap() throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch tenRuns = new CountDownLatch(10);
        Disposable schedule = PeriodicCheck.every(Duration.ofMillis(5), "slow", now -> Mono.defer(() -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            return Mono.delay(Duration.ofMillis(40));
        }).doOnSuccess(done -> {
            running.decrementAndGet();
            tenRuns.countDown();
        }));
        try {
            assertThat(tenRuns.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(mostAtOnce.get()).isEqualTo(1);
        } finally {
            schedule.dispose();
        }
    }
}
