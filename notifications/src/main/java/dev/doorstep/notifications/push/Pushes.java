package dev.doorstep.notifications.push;

import dev.doorstep.notifications.devices.DeviceTokens;
import dev.doorstep.notifications.relay.StreamEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
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
        return deliverAll(List.of(event)).flatMap(handled -> handled.isEmpty()
                ? Mono.error(new IllegalStateException("event " + event.id() + " is left for a retry"))
                : Mono.empty());
    }

    /**
     * Sends what the events of one stream read call for, as one unit: their notices looked up together, one claim
     * statement for all their pushes, one FCM {@code sendEachAsync} (per {@value FcmSender#MAX_PER_CALL} pushes), one
     * statement recording the outcomes; only retries (429, 500, 503, network) go on per event. Emits the events done
     * with: the others (their look-up failed, or another node holds a claim on one of their pushes and may still
     * crash before finishing it) are left to be delivered again. Fails, leaving every event to a redelivery, when the
     * claims or the send fail as a whole; the claims made are handed back first.
     */
    public Mono<List<StreamEvent>> deliverAll(List<StreamEvent> events) {
        return Flux.fromIterable(events)
                .flatMapSequential(event -> Flux.concat(drivers.noticeFor(event), customers.noticesFor(event))
                        .collectList()
                        .map(notices -> new Delivery(event, notices.stream().map(Pushes::byToken).toList()))
                        .onErrorResume(e -> {
                            log.warn("Event {} ({}) left pending for a retry: {}", event.id(), event.type(),
                                    e.toString());
                            return Mono.empty();
                        }), Math.max(1, events.size()))
                .collectList()
                .flatMap(this::sendAll);
    }

    /** One event's notices, each with its pushes by token (one push a token). */
    private record Delivery(StreamEvent event, List<Tokens> notices) {
    }

    private record Tokens(Notice notice, Map<String, Push> byToken) {
    }

    private static Tokens byToken(Notice notice) {
        Map<String, Push> byToken = new LinkedHashMap<>();
        notice.pushes().forEach(p -> byToken.putIfAbsent(p.token(), p));
        return new Tokens(notice, byToken);
    }

    private Mono<List<StreamEvent>> sendAll(List<Delivery> deliveries) {
        List<Tokens> notices = deliveries.stream().flatMap(d -> d.notices().stream())
                .filter(n -> !n.byToken().isEmpty()).toList();
        if (notices.isEmpty()) {
            return Mono.just(deliveries.stream().map(Delivery::event).toList());
        }
        // Wall time, not the clock bean: the retry budget runs alongside real delays (Mono.delay, Retry-After).
        Instant deadline = Instant.now().plus(settings.giveUpAfter());
        return records.claimTogether(notices.stream().map(n -> new SendRecords.Claim(n.notice().eventId(),
                        List.copyOf(n.byToken().keySet()), node, settings.sendLease())).toList())
                .flatMap(owned -> {
                    List<Owned> sending = new ArrayList<>();
                    List<SendRecords.Key> held = new ArrayList<>();
                    for (int i = 0; i < notices.size(); i++) {
                        Tokens notice = notices.get(i);
                        Set<String> mine = owned.get(i);
                        if (!mine.isEmpty()) {
                            sending.add(new Owned(notice.notice(), notice.byToken().values().stream()
                                    .filter(p -> mine.contains(p.token())).toList()));
                            mine.forEach(t -> held.add(new SendRecords.Key(notice.notice().eventId(), t)));
                        }
                    }
                    Mono<Void> sent = sending.isEmpty() ? Mono.empty()
                            // Renewed node-wide (HeldClaims) while the sends run. An unexpected failure hands the
                            // claims back, so the redelivered entries send them.
                            : claims.during(held, attemptAll(sending, deadline))
                                    .onErrorResume(e -> Flux.fromIterable(sending)
                                            .concatMap(o -> records.release(o.notice().eventId(),
                                                    o.pushes().stream().map(Push::token).toList(), node))
                                            .then(Mono.error(e)));
                    return sent.then(doneWith(deliveries, notices, owned));
                });
    }

    /** A notice's pushes whose claims this node owns. */
    private record Owned(Notice notice, List<Push> pushes) {
    }

    /**
     * The events done with: all but those with a push of which this node claimed none and another node still holds
     * the claim (it may crash before finishing it).
     */
    private Mono<List<StreamEvent>> doneWith(List<Delivery> deliveries, List<Tokens> notices, List<Set<String>> owned) {
        Map<Notice, Set<String>> ownedOf = new IdentityHashMap<>();
        for (int i = 0; i < notices.size(); i++) {
            ownedOf.put(notices.get(i).notice(), owned.get(i));
        }
        return Flux.fromIterable(deliveries)
                .concatMap(d -> Flux.fromIterable(d.notices())
                        .filter(n -> ownedOf.containsKey(n.notice())
                                && ownedOf.get(n.notice()).size() < n.byToken().size())
                        .concatMap(n -> elsewhere(n.notice(), n.byToken().keySet()))
                        .then(Mono.just(d.event()))
                        .onErrorResume(e -> {
                            log.warn("Event {} ({}) left pending for a retry: {}", d.event().id(), d.event().type(),
                                    e.toString());
                            return Mono.empty();
                        }))
                .collectList();
    }

    /**
     * The first attempt of every notice at once: stale ones dropped, the others in one send and their outcomes in one
     * statement; the pushes to retry go on per notice.
     */
    private Mono<Void> attemptAll(List<Owned> sending, Instant deadline) {
        return Flux.fromIterable(sending)
                .flatMapSequential(o -> o.notice().stale().get(), Math.max(1, sending.size()))
                .collectList()
                .flatMap(stale -> {
                    List<Owned> fresh = new ArrayList<>();
                    List<Mono<Void>> dropped = new ArrayList<>();
                    for (int i = 0; i < sending.size(); i++) {
                        if (stale.get(i)) {
                            dropped.add(drop(sending.get(i).notice(), sending.get(i).pushes(), 1));
                        } else {
                            fresh.add(sending.get(i));
                        }
                    }
                    List<Push> all = fresh.stream().flatMap(o -> o.pushes().stream()).toList();
                    return Flux.concat(dropped).then(all.isEmpty() ? Mono.empty() : sender.send(all)
                            .flatMap(outcomes -> settleAll(fresh, outcomes, deadline)));
                });
    }

    /** Records the outcomes of one send of several notices' pushes in one statement; retries go on per notice. */
    private Mono<Void> settleAll(List<Owned> sent, List<SendOutcome> outcomes, Instant deadline) {
        List<SendRecords.Finish> finished = new ArrayList<>();
        List<Mono<Void>> forgotten = new ArrayList<>();
        List<Mono<Void>> after = new ArrayList<>();
        int at = 0;
        for (Owned owned : sent) {
            List<SendOutcome> mine = outcomes.subList(at, at + owned.pushes().size());
            at += owned.pushes().size();
            logAttempt(owned.notice(), owned.pushes(), mine, 1);
            after.add(settle(owned.notice(), owned.pushes(), mine, 1, deadline, finished, forgotten));
        }
        Mono<Void> recorded = finished.isEmpty() ? Mono.empty() : records.finishTogether(finished)
                .retryWhen(Retry.backoff(8, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)));
        // Dead tokens are forgotten before their FAILED records are written: whoever sees the failure finds the
        // token gone. Recorded before a retry waits: a push FCM took whose record stayed SENDING would be sent again.
        return Flux.concat(forgotten).then(recorded)
                .then(Flux.fromIterable(after).flatMap(m -> m, Math.max(1, after.size())).then());
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
        List<SendRecords.Finish> finished = new ArrayList<>();
        List<Mono<Void>> forgotten = new ArrayList<>();
        Mono<Void> after = settle(notice, pushes, outcomes, attempt, deadline, finished, forgotten);
        return Flux.concat(forgotten).thenMany(Flux.fromIterable(finished).concatMap(this::finish)).then(after);
    }

    /**
     * Counts the outcomes, adds the records they finish to {@code finished} and the forgetting of dead tokens to
     * {@code forgotten} (both for the caller to run, the tokens first); returns what comes after those records are
     * written: the retry of the pushes to try again.
     */
    private Mono<Void> settle(Notice notice, List<Push> pushes, List<SendOutcome> outcomes, int attempt,
            Instant deadline, List<SendRecords.Finish> finished, List<Mono<Void>> forgotten) {
        List<Push> again = new ArrayList<>();
        Duration retryAfter = Duration.ZERO;
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
                    forgotten.add(devices.forget(push.token()));
                    finished.add(finish(notice, push, SendRecords.State.FAILED, attempt, outcome));
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
        return again.isEmpty() ? Mono.empty() : retry(notice, again, attempt, retryAfter, deadline,
                outcomes.get(pushes.indexOf(again.get(0))));
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

    private SendRecords.Finish finish(Notice notice, Push push, SendRecords.State state, int attempt,
            SendOutcome outcome) {
        return SendRecords.Finish.of(notice.eventId(), push.token(), node, state, attempt, outcome.messageId(),
                outcome.error());
    }

    /**
     * Records what FCM answered, retrying through a database blip: a push FCM took whose record stayed SENDING
     * would be handed back (or its lease run out) and sent again.
     */
    private Mono<Void> finish(SendRecords.Finish finished) {
        return records.finish(finished)
                .retryWhen(Retry.backoff(8, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)));
    }

    private static List<Push> held(List<Push> pushes, Set<String> held) {
        return pushes.stream().filter(p -> held.contains(p.token())).toList();
    }
}
