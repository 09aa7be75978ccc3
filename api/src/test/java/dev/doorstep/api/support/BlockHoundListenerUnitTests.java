package dev.doorstep.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class BlockHoundListenerUnitTests {

    @Test
    void aBlockingCallOnANonBlockingThreadFailsInATestJvm() {
        assertThat(BlockHoundListener.inMavensOwnJvm()).as("this test runs in a forked test JVM").isFalse();
        Throwable thrown = catchThrowable(() -> Mono.fromCallable(() -> {
            Thread.sleep(1);
            return "slept";
        }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10)));
        assertThat(Exceptions.unwrap(thrown)).isInstanceOf(BlockingOperationError.class);
    }
}
