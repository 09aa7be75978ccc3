package dev.doorstep.notifications.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Push counters ({@code doorstep_notifications_pushes_*_total} in Prometheus) and the time from the event
 * (its outbox row) to FCM's acceptance, with p50 and p99.
 */
@Component
class PushMetrics {

    private final MeterRegistry registry;
    private final Counter sent;
    private final Counter logged;
    private final Counter retried;
    private final Counter dropped;
    private final Timer eventToAccepted;

    PushMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sent = Counter.builder("doorstep.notifications.pushes.sent").tag("mode", "fcm")
                .description("Pushes FCM accepted").register(registry);
        this.logged = Counter.builder("doorstep.notifications.pushes.sent").tag("mode", "log-only")
                .description("Pushes written to the log instead of sent (no FCM credentials)").register(registry);
        this.retried = Counter.builder("doorstep.notifications.pushes.retried")
                .description("Push attempts scheduled again after 429, 500, 503 or a network failure").register(registry);
        this.dropped = Counter.builder("doorstep.notifications.pushes.dropped")
                .description("Pushes dropped because they no longer mattered").register(registry);
        List.of("token-gone", "refused", "gave-up").forEach(this::failedCounter);
        this.eventToAccepted = Timer.builder("doorstep.notifications.event.to.accepted")
                .description("From the event's outbox row to FCM's acceptance")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void accepted(Instant occurredAt) {
        sent.increment();
        // Wall time, not the clock bean: a latency measured, whatever time the rules are told it is.
        eventToAccepted.record(Duration.between(occurredAt, Instant.now()));
    }

    void logged() {
        logged.increment();
    }

    void retried(int pushes) {
        retried.increment(pushes);
    }

    void dropped(int pushes) {
        dropped.increment(pushes);
    }

    /** {@code reason}: token-gone, refused or gave-up. */
    void failed(String reason) {
        failedCounter(reason).increment();
    }

    private Counter failedCounter(String reason) {
        return Counter.builder("doorstep.notifications.pushes.failed").tag("reason", reason)
                .description("Pushes that were not delivered").register(registry);
    }
}
