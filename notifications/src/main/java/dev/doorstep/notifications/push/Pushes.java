package dev.doorstep.notifications.push;

import dev.doorstep.notifications.devices.DeviceTokens;
import dev.doorstep.notifications.relay.StreamEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Delivers the pushes of one event, exactly once per (event, device token): each token is claimed in the
 * send records before its push goes out and finished after. Retries 429, 500, 503 and network failures
 * with exponential backoff and jitter, never shorter than Retry-After, until {@code give-up-after}; forgets
 * tokens FCM calls dead; drops pushes whose notice went stale.
 */
@Component
public class Pushes {

    private static final Logger log = LoggerFactory.getLogger(Pushes.class);

    private final DriverNotices drivers;
    private final CustomerNotices customers;
    private final SendRecords records;
    private final FcmSender sender;
    private final DeviceTokens devices;
    private final PushMetrics metrics;
    private final PushSettings settings;
    private final HeldClaims claims;
    private final String node;

    Pushes(DriverNotices drivers, CustomerNotices customers, SendRecords records, FcmSender sender,
            DeviceTokens devices, PushMetrics metrics, PushSettings settings, HeldClaims held) {
        this.drivers = drivers;
        this.customers = customers;
        this.records = records;
        this.sender = sender;
        this.devices = devices;
        this.metrics = metrics;
        this.settings = settings;
        this.claims = held;
        this.node = held == null ? null : held.node();
    }

    /**
     * Sends what {@code event} calls for. Fails (so that the stream entry stays pending and is retried)
     * when another node holds a claim on one of its pushes and may still crash before finishing it.
     */
    public Mono<Void> deliver(StreamEvent event) {
        return Flux.concat(drivers.noticeFor(event), customers.noticesFor(event)).concatMap(this::deliver).then();
    }

    private Mono<Void> deliver(Notice notice) {
        Map<String, Push> byToken = new LinkedHashMap<>();
        notice.pushes().forEach(p -> byToken.putIfAbsent(p.token(), p));
        if (byToken.isEmpty()) {
            return Mono.empty();
        }
        // Wall time, not the clock bean: the retry budget runs alongside real delays (Mono.delay, Retry-After).
        Instant deadline = Instant.now().plus(settings.giveUpAfter());
        return records.claim(notice.eventId(), byToken.keySet(), node, settings.sendLease())
                .flatMap(owned -> {
                    Mono<Void> sent = owned.isEmpty() ? Mono.empty()
                            : claims.during(notice.eventId(), owned, attempt(notice,
                                    byToken.values().stream().filter(p -> owned.contains(p.token())).toList(), 1,
                                    deadline))
                                    // Renewed node-wide (HeldClaims) while the send runs. An unexpected failure
                                    // hands the claims back, so the redelivered entry sends them.
                                    .onErrorResume(e -> records.release(notice.eventId(), owned, node)
                                            .then(Mono.error(e)));
                    // Every token claimed here: no other node can be sending one of them, no need to ask.
                    return owned.size() == byToken.size() ? sent : sent.then(elsewhere(notice, byToken.keySet()));
                });
    }

    /** Fails while another node still holds a claim on one of the tokens (it may crash before finishing it). */
    private Mono<Void> elsewhere(Notice notice, Set<String> tokens) {
        return records.inFlightElsewhere(notice.eventId(), tokens, node)
                .flatMap(elsewhere -> elsewhere.isEmpty() ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException(elsewhere.size() + " push(es) of event "
                                + notice.eventId() + " are being sent by another node")));
    }

    private Mono<Void> attempt(Notice notice, List<Push> pushes, int attempt, Instant deadline) {
        return notice.stale().get().flatMap(stale -> stale ? drop(notice, pushes, attempt)
                : sender.send(pushes).doOnNext(outcomes -> logAttempt(notice, pushes, outcomes, attempt))
                        .flatMap(outcomes -> settle(notice, pushes, outcomes, attempt, deadline)));
    }

    private void logAttempt(Notice notice, List<Push> pushes, List<SendOutcome> outcomes, int attempt) {
        if (log.isDebugEnabled()) {
            for (int i = 0; i < pushes.size(); i++) {
                log.debug("Push of event {} ({}) to {}, attempt {} by {}: {}", notice.eventId(), notice.eventType(),
                        pushes.get(i).token(), attempt, node, outcomes.get(i).kind());
            }
        }
    }

    private Mono<Void> settle(Notice notice, List<Push> pushes, List<SendOutcome> outcomes, int attempt,
            Instant deadline) {
        List<Push> again = new ArrayList<>();
        Duration retryAfter = Duration.ZERO;
        List<Mono<Void>> finished = new ArrayList<>();
        for (int i = 0; i < pushes.size(); i++) {
            Push push = pushes.get(i);
            SendOutcome outcome = outcomes.get(i);
            switch (outcome.kind()) {
                case ACCEPTED -> {
                    metrics.accepted(notice.occurredAt());
                    finished.add(finish(notice, push, SendRecords.State.SENT, attempt, outcome));
                }
                case LOGGED -> {
                    metrics.logged();
                    finished.add(finish(notice, push, SendRecords.State.LOGGED, attempt, outcome));
                }
                case TOKEN_GONE -> {
                    metrics.failed("token-gone");
                    finished.add(devices.forget(push.token())
                            .then(finish(notice, push, SendRecords.State.FAILED, attempt, outcome)));
                }
                case FAILED -> {
                    metrics.failed("refused");
                    finished.add(finish(notice, push, SendRecords.State.FAILED, attempt, outcome));
                }
                case RETRY -> {
                    again.add(push);
                    if (outcome.retryAfter() != null && outcome.retryAfter().compareTo(retryAfter) > 0) {
                        retryAfter = outcome.retryAfter();
                    }
                }
            }
        }
        Mono<Void> retry = again.isEmpty() ? Mono.empty() : retry(notice, again, attempt, retryAfter, deadline,
                outcomes.get(pushes.indexOf(again.get(0))));
        return Flux.concat(finished).then(retry);
    }

    private Mono<Void> retry(Notice notice, List<Push> pushes, int attempt, Duration retryAfter, Instant deadline,
            SendOutcome last) {
        Duration wait = delay(attempt, retryAfter);
        if (Instant.now().plus(wait).isAfter(deadline)) {
            pushes.forEach(p -> metrics.failed("gave-up"));
            return Flux.fromIterable(pushes)
                    .concatMap(p -> records.finish(notice.eventId(), p.token(), node, SendRecords.State.GAVE_UP,
                            attempt, null, "gave up after " + attempt + " attempts: " + last.error()))
                    .then();
        }
        metrics.retried(pushes.size());
        List<String> tokens = pushes.stream().map(Push::token).toList();
        return Mono.delay(wait)
                .then(records.renew(notice.eventId(), tokens, node))
                .flatMap(held -> attempt(notice, held(pushes, held), attempt + 1, deadline));
    }

    /** Exponential backoff with jitter (between half and all of the doubled delay), at least Retry-After. */
    Duration delay(int attempt, Duration retryAfter) {
        long base = settings.backoffInitial().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, settings.backoffMax().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(Math.max(jittered, retryAfter.toMillis()));
    }

    private Mono<Void> drop(Notice notice, List<Push> pushes, int attempt) {
        metrics.dropped(pushes.size());
        return Flux.fromIterable(pushes)
                .concatMap(p -> records.finish(notice.eventId(), p.token(), node, SendRecords.State.DROPPED,
                        attempt - 1, null, "no longer mattered"))
                .then();
    }

    /**
     * Records what FCM answered, retrying through a database blip: a push FCM took whose record stayed SENDING
     * would be handed back (or its lease run out) and sent again.
     */
    private Mono<Void> finish(Notice notice, Push push, SendRecords.State state, int attempt, SendOutcome outcome) {
        return records.finish(notice.eventId(), push.token(), node, state, attempt, outcome.messageId(),
                outcome.error()).retryWhen(Retry.backoff(8, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)));
    }

    private static List<Push> held(List<Push> pushes, Set<String> held) {
        return pushes.stream().filter(p -> held.contains(p.token())).toList();
    }
}
