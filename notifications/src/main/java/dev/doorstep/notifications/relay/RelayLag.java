package dev.doorstep.notifications.relay;

import dev.doorstep.dispatch.jobs.PeriodicJob;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.dispatch.outbox.OutboxBacklog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How far the relay lags behind: {@code doorstep_outbox_backlog_rows} (outbox rows not yet on the event stream)
 * and {@code doorstep_outbox_oldest_age_seconds} (how long the oldest of them has waited). A growing age means no
 * node relays, or the stream refuses. Every node reports the same figures.
 */
@Component
public class RelayLag implements PeriodicJob {

    /** Often enough for a Prometheus scrape every 15 to 60 s; a gauge must not query on the scraping thread. */
    private static final Duration REFRESH_EVERY = Duration.ofSeconds(15);

    private final Outbox outbox;
    private final Clock clock;
    private final AtomicReference<OutboxBacklog> latest = new AtomicReference<>(new OutboxBacklog(0, null));

    RelayLag(Outbox outbox, Clock clock, MeterRegistry registry) {
        this.outbox = outbox;
        this.clock = clock;
        Gauge.builder("doorstep.outbox.backlog", latest, backlog -> backlog.get().rows()).baseUnit("rows")
                .description("Outbox rows committed but not yet relayed to the event stream").register(registry);
        Gauge.builder("doorstep.outbox.oldest.age", this, RelayLag::oldestAgeSeconds).baseUnit("seconds")
                .description("How long the oldest unrelayed outbox row has waited; 0 when none waits")
                .register(registry);
    }

    /** Reads the backlog again; the gauges show it from then on. */
    public Mono<OutboxBacklog> refresh() {
        return outbox.backlog().doOnNext(latest::set);
    }

    private double oldestAgeSeconds() {
        Instant oldest = latest.get().oldest();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    @Override
    public Schedule schedule() {
        return Schedule.every(REFRESH_EVERY, "Outbox backlog gauges", now -> refresh());
    }
}
