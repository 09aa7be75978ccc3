package dev.doorstep.notifications.relay;

import dev.doorstep.dispatch.jobs.PeriodicJobs;
import dev.doorstep.dispatch.outbox.EventTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.doorstep.tracking.live.HotRedis;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.models.stream.PendingMessage;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis stream of outbox events, over one key or several ({@link StreamPartitions}; an aggregate's events on
 * one of them, in order). Consumers read every partition in a consumer group: an entry is acknowledged only
 * after its handler succeeded, and entries another consumer read but never acknowledged (it crashed, or
 * its handler failed) are claimed after {@link Consumption#claimIdle()} and handled again here. Every command goes
 * over the node's own connection ({@link HotRedis}), which takes no lock to hand it out.
 */
@Component
public class EventStream {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    /** KEYS[1] the partition; ARGV[1] its approximate length; then five fields an event, appended in that order. */
    private static final HotRedis.Script APPEND_ALL = HotRedis.Script.of("""
            for i = 2, #ARGV, 5 do
              redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'id', ARGV[i], 'type', ARGV[i + 1],
                'aggregate', ARGV[i + 2], 'payload', ARGV[i + 3], 'occurredAt', ARGV[i + 4])
            end
            return (#ARGV - 1) / 5
            """);

    /** Most entries acknowledged by one XACK. */
    private static final int MAX_ACKS = 1_000;

    private final HotRedis redis;
    private final RelaySettings settings;
    private final JsonMapper json;
    private final StreamPartitions partitions;

    EventStream(HotRedis redis, RelaySettings settings, JsonMapper json,
            StreamPartitions partitions) {
        this.redis = redis;
        this.settings = settings;
        this.json = json;
        this.partitions = partitions;
    }

    /** How one consumer reads: its group and name, pace, and when it takes over another's entries. */
    public record Consumption(String group, String consumer, Duration pollInterval, int batchSize, int concurrency,
            Duration claimIdle, int maxDeliveries) {
    }

    /**
     * Appends events in order, one script per partition they fall on: one command carries them all (the relay's
     * batch of up to {@code batch-size} rows), where an XADD each cost a command object, its encoding, its answer and
     * its observation per event. One that fails midway leaves the entries before it on the stream while their rows
     * stay unrelayed, to be appended again: consumers tolerate that, as after a crash. Emits how many were appended.
     */
    Mono<Long> appendAll(List<OutboxEvent> events) {
        return Flux.fromIterable(appendArgs(events, partitions, settings).entrySet())
                .concatMap(keyed -> redis.<Long>eval(APPEND_ALL, ScriptOutputType.INTEGER,
                        new String[] {keyed.getKey()}, keyed.getValue().toArray(String[]::new)))
                .reduce(0L, Long::sum);
    }

    /** The arguments of {@link #APPEND_ALL} by partition key, in the order the events came, each in event order. */
    static Map<String, List<String>> appendArgs(List<OutboxEvent> events, StreamPartitions partitions,
            RelaySettings settings) {
        Map<String, List<String>> argsByKey = new LinkedHashMap<>();
        for (OutboxEvent event : events) {
            List<String> args = argsByKey.computeIfAbsent(partitions.keyOf(settings.stream(), event.aggregateId()),
                    key -> new ArrayList<>(1 + 5 * events.size()));
            if (args.isEmpty()) {
                args.add(Long.toString(settings.streamMaxLen()));
            }
            args.add(Long.toString(event.id()));
            args.add(event.type());
            args.add(event.aggregateId());
            args.add(event.payload());
            args.add(event.occurredAt().toString());
        }
        return argsByKey;
    }

    /** Appends the event to its partition; emits the entry's id. */
    Mono<String> append(OutboxEvent event) {
        Map<String, String> fields = Map.of("id", Long.toString(event.id()), "type", event.type(),
                "aggregate", event.aggregateId(), "payload", event.payload(),
                "occurredAt", event.occurredAt().toString());
        String key = partitions.keyOf(settings.stream(), event.aggregateId());
        return redis.mono(c -> c.xadd(key, XAddArgs.Builder.maxlen(settings.streamMaxLen()).approximateTrimming(),
                fields));
    }

    /** Appends an outbox row directly, bypassing the outbox table (for tests and benchmarks of the consumers). */
    public Mono<String> publish(OutboxEvent event) {
        return append(event);
    }

    /** Appends an event record directly, as the relay would have moved it (for tests and benchmarks). */
    public Mono<String> publish(StreamEvent event) {
        return publish(new OutboxEvent(event.id(), event.type(), event.aggregateId(),
                json.writeValueAsString(event.event()), event.occurredAt()));
    }

    /** The stream's keys, one per partition. */
    public List<String> keys() {
        return partitions.keys(settings.stream());
    }

    /** Creates the group on every partition where it does not exist, reading from the start of the stream. */
    public Mono<Void> ensureGroup(String group) {
        return Flux.fromIterable(keys()).concatMap(stream -> {
            return redis.mono(c -> c.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), group,
                            XGroupCreateArgs.Builder.mkstream()))
                    .onErrorResume(EventStream::groupExists, e -> Mono.empty());
        }).then();
    }

    /**
     * Reads new entries and takes over stale ones until the returned handle is disposed; each entry is read into
     * its record among {@code types} and acknowledged when {@code handler} completes, and left pending (to be
     * retried) when it fails. An entry of a type not among {@code types}, or whose payload does not read, is
     * logged and acknowledged without handling: no retry would make it readable. The events of one read are handled
     * one after the other, in stream order ({@link #consumeBatches} for a handler of a whole read).
     */
    public Disposable consume(Consumption how, EventTypes types, Function<StreamEvent, Mono<Void>> handler) {
        return consumeBatches(how, types, batch -> Flux.fromIterable(batch)
                .concatMap(event -> Mono.defer(() -> handler.apply(event)).thenReturn(event)
                        .onErrorResume(e -> {
                            log.warn("Event {} ({}) left pending for a retry: {}", event.id(), event.type(),
                                    e.toString());
                            return Mono.empty();
                        }))
                .collectList());
    }

    /**
     * As {@link #consume}, with each read handled as one unit: {@code handler} gets the readable events of one read
     * (every partition's new entries, or the stale ones taken over) and emits those it handled, which are
     * acknowledged together, one XACK per partition with the read's unreadable entries; the others stay pending, to be
     * retried. A handler that fails leaves the whole read pending. {@link Consumption#concurrency()} events are handled
     * at once, in whole reads: {@code concurrency / batchSize} reads, at least one.
     */
    public Disposable consumeBatches(Consumption how, EventTypes types,
            Function<List<StreamEvent>, Mono<List<StreamEvent>>> handler) {
        Consumer<String> me = Consumer.from(how.group(), how.consumer());
        Duration claimEvery = how.claimIdle().dividedBy(2).compareTo(how.pollInterval()) > 0
                ? how.claimIdle().dividedBy(2) : how.pollInterval();
        Flux<List<StreamMessage<String, String>>> stale = PeriodicJobs.rounds(claimEvery,
                () -> Flux.fromIterable(keys()).concatMap(key -> claimStale(how, key)).collectList()
                        .filter(taken -> !taken.isEmpty()),
                "Claiming stale stream entries");
        int readsAtOnce = Math.max(1, how.concurrency() / Math.max(1, how.batchSize()));
        return ensureGroup(how.group()).thenMany(Flux.merge(reads(me, how).filter(read -> !read.isEmpty()), stale))
                .flatMap(read -> handleAndAck(how.group(), read, types, handler), readsAtOnce)
                .doOnError(e -> log.warn("Stream consumer {} restarts in a second: {}", how.consumer(), e.toString()))
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, Duration.ofSeconds(1)))
                .subscribe();
    }

    /**
     * Rounds of new entries (one read per partition a round), as fast as they are handled: a round in which some
     * partition gave a full batch is followed by the next at once, one that drained every partition by a pause of
     * {@link Consumption#pollInterval()}. A round is read only when the handlers want more, so at most one round
     * waits read ahead of them.
     */
    private Flux<List<StreamMessage<String, String>>> reads(Consumer<String> me, Consumption how) {
        return Flux.defer(() -> Flux.fromIterable(keys())
                        .concatMap(key -> readNew(me, key, how.batchSize()).collectList())
                        .collectList()
                        .onErrorResume(e -> {
                            log.warn("Reading the event stream failed; the next round retries: {}", e.toString());
                            return ensureGroup(how.group()).onErrorResume(again -> Mono.empty())
                                    .then(Mono.just(List.of()));
                        })
                        .flatMapMany(round -> {
                            List<StreamMessage<String, String>> read = round.stream().flatMap(List::stream)
                                    .toList();
                            return round.stream().anyMatch(batch -> batch.size() >= how.batchSize())
                                    ? Flux.just(read)
                                    : Flux.concat(Mono.just(read), Mono.delay(how.pollInterval()).then(Mono.empty()));
                        }))
                .repeat();
    }

    /** Entries read by some consumer of {@code group} and not yet acknowledged, over every partition. */
    public Mono<Long> pendingCount(String group) {
        return Flux.fromIterable(keys())
                .concatMap(key -> redis.mono(c -> c.xpending(key, group)).map(p -> p.getCount()))
                .reduce(0L, Long::sum);
    }

    /** One read per partition: a command naming streams of several hash slots is refused by a Redis Cluster. */
    private Flux<StreamMessage<String, String>> readNew(Consumer<String> me, String key, int count) {
        return redis.flux(c -> c.xreadgroup(me, XReadArgs.Builder.count(count), XReadArgs.StreamOffset.lastConsumed(key)));
    }

    private Flux<StreamMessage<String, String>> claimStale(Consumption how, String key) {
        return redis.flux(c -> c.xpending(key, how.group(), Range.create("-", "+"), Limit.from(how.batchSize())))
                .filter(p -> p.getSinceLastDelivery().compareTo(how.claimIdle()) >= 0)
                .collectList()
                .flatMapMany(stale -> {
                    if (stale.isEmpty()) {
                        return Flux.empty();
                    }
                    Flux<Void> givenUp = Flux.fromIterable(stale)
                            .filter(p -> p.getRedeliveryCount() > how.maxDeliveries())
                            .concatMap(p -> giveUp(key, how.group(), p));
                    // Redis' delivery count, which Lettuce names a redelivery count: 1 after the first read.
                    String[] ids = stale.stream().filter(p -> p.getRedeliveryCount() <= how.maxDeliveries())
                            .map(PendingMessage::getId).toArray(String[]::new);
                    // XCLAIM with a minimum idle time: of two nodes claiming at once, one gets each entry.
                    return givenUp.thenMany(ids.length == 0 ? Flux.empty()
                            : redis.flux(c -> c.xclaim(key, Consumer.from(how.group(), how.consumer()),
                                    how.claimIdle().toMillis(), ids)));
                });
    }

    private Mono<Void> giveUp(String key, String group, PendingMessage pending) {
        log.error("Stream entry {} failed {} deliveries in group {}; acknowledged without handling",
                pending.getId(), pending.getRedeliveryCount(), group);
        return redis.mono(c -> c.xack(key, group, pending.getId())).then();
    }

    /** Reads the entries, hands the readable ones to {@code handler} at once, and acknowledges what it handled. */
    private Mono<Void> handleAndAck(String group, List<StreamMessage<String, String>> entries, EventTypes types,
            Function<List<StreamEvent>, Mono<List<StreamEvent>>> handler) {
        List<StreamEvent> events = new ArrayList<>(entries.size());
        Map<StreamEvent, StreamMessage<String, String>> entryOf = new IdentityHashMap<>();
        List<StreamMessage<String, String>> done = new ArrayList<>(entries.size());
        for (StreamMessage<String, String> entry : entries) {
            Optional<StreamEvent> read;
            try {
                read = read(event(entry.getBody()), types);
            } catch (RuntimeException unreadable) {
                log.error("Unreadable stream entry {} acknowledged without handling", entry.getId(), unreadable);
                done.add(entry);
                continue;
            }
            if (read.isEmpty()) {
                log.info("Stream entry {} of type {} is no event this consumer reads; acknowledged without handling",
                        entry.getId(), entry.getBody().get("type"));
                done.add(entry);
                continue;
            }
            events.add(read.get());
            entryOf.put(read.get(), entry);
        }
        Mono<List<StreamEvent>> handled = events.isEmpty() ? Mono.just(List.of())
                : Mono.defer(() -> handler.apply(events)).onErrorResume(e -> {
                    log.warn("{} events left pending for a retry: {}", events.size(), e.toString());
                    return Mono.just(List.of());
                });
        return handled.flatMap(ok -> {
            ok.forEach(event -> done.add(entryOf.get(event)));
            return ackAll(group, done);
        }).onErrorResume(e -> {
            log.warn("Acknowledging {} stream entries failed; they are handled again: {}", done.size(), e.toString());
            return Mono.empty();
        });
    }

    /** The entry's record among {@code types}, or empty when its type is none of them. */
    Optional<StreamEvent> read(OutboxEvent entry, EventTypes types) {
        return types.type(entry.type()).map(type -> new StreamEvent(entry.id(), entry.aggregateId(),
                json.readValue(entry.payload(), type), entry.occurredAt()));
    }

    /** Acknowledges {@code entries} in one XACK per partition. */
    private Mono<Void> ackAll(String group, List<StreamMessage<String, String>> entries) {
        Map<String, List<String>> idsByStream = new LinkedHashMap<>();
        for (StreamMessage<String, String> entry : entries) {
            if (entry != null) {
                idsByStream.computeIfAbsent(entry.getStream(), k -> new ArrayList<>()).add(entry.getId());
            }
        }
        return Flux.fromIterable(idsByStream.entrySet())
                .concatMap(ids -> Flux.fromIterable(ids.getValue()).buffer(MAX_ACKS)
                        .concatMap(chunk -> redis.mono(c -> c.xack(ids.getKey(), group, chunk.toArray(String[]::new)))))
                .then();
    }

    private OutboxEvent event(Map<String, String> fields) {
        return new OutboxEvent(Long.parseLong(String.valueOf(fields.get("id"))), String.valueOf(fields.get("type")),
                String.valueOf(fields.get("aggregate")), String.valueOf(fields.get("payload")),
                Instant.parse(String.valueOf(fields.get("occurredAt"))));
    }

    private static boolean groupExists(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("BUSYGROUP")) {
                return true;
            }
        }
        return false;
    }
}
