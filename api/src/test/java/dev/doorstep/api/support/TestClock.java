package dev.doorstep.api.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The app's clock in tests: real time unless a test sets it, so time rules (check-in window, no-shows,
 * caps on a given date) are tested at exact instants. A test that sets it resets it afterwards.
 */
public final class TestClock extends Clock {

    private volatile Instant fixed;

    /** Freezes the clock at {@code instant}. */
    public void setTo(Instant instant) {
        fixed = instant;
    }

    /** Moves a frozen clock on (or freezes real time first). */
    public void advance(Duration by) {
        fixed = instant().plus(by);
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at == null ? Instant.now() : at;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this; // The app works in UTC instants.
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
