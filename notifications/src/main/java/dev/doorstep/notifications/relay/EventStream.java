package dev.doorstep.notifications.relay;

import dev.doorstep.dispatch.jobs.PeriodicJobs;
import dev.doorstep.dispatch.outbox.EventTypes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
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
 * its handler failed) are claimed after {@link Consumption#claimIdle()} and handled again here.
 */
@Component
public class EventStream {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    /** Most entries acknowledged by one XACK. */
    private static final int MAX_ACKS = 1_000;

    private final ReactiveStringRedisTemplate redis;
    private final RelaySettings settings;
    private final JsonMapper json;
    private final StreamPartitions partitions;
    private final Coalescer<Ack, Boolean> acks = new Coalescer<>(MAX_ACKS, 2, this::ackAll);

    EventStream(ReactiveStringRedisTemplate redis, RelaySettings settings, JsonMapper json,
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

    Mono<RecordId> append(OutboxEvent event) {
        Map<String, String> fields = Map.of("id", Long.toString(event.id()), "type", event.type(),
                "aggregate", event.aggregateId(), "payload", event.payload(),
                "occurredAt", event.occurredAt().toString());
        String key = partitions.keyOf(settings.stream(), event.aggregateId());
        return redis.opsForStream().add(MapRecord.create(key, fields),
                XAddOptions.maxlen(settings.streamMaxLen()).approximateTrimming(true));
    }

    /**
     * Opens the shared Redis connection now, on the calling (starting) thread: the first command would
     * otherwise connect synchronously on whichever event-loop thread issues it.
     */
    public void connectNow() {
        redis.getConnectionFactory().getReactiveConnection().close();
    }

    /** Appends an outbox row directly, bypassing the outbox table (for tests and benchmarks of the consumers). */
    public Mono<String> publish(OutboxEvent event) {
        return append(event).map(RecordId::getValue);
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
            ByteBuffer key = ByteBuffer.wrap(stream.getBytes(StandardCharsets.UTF_8));
            return redis.execute(c -> c.streamCommands().xGroupCreate(key, group, ReadOffset.from("0"), true))
                    .onErrorResume(EventStream::groupExists, e -> Mono.empty());
        }).then();
    }

    /**
     * Reads new entries and takes over stale ones until the returned handle is disposed; each entry is read into
     * its record among {@code types} and acknowledged when {@code handler} completes, and left pending (to be
     * retried) when it fails. An entry of a type not among {@code types}, or whose payload does not read, is
     * logged and acknowledged without handling: no retry would make it readable.
     */
    public Disposable consume(Consumption how, EventTypes types, Function<StreamEvent, Mono<Void>> handler) {
        Consumer me = Consumer.from(how.group(), how.consumer());
        Flux<MapRecord<String, Object, Object>> fresh = reads(me, how).concatMapIterable(read -> read, 1);
        Duration claimEvery = how.claimIdle().dividedBy(2).compareTo(how.pollInterval()) > 0
                ? how.claimIdle().dividedBy(2) : how.pollInterval();
        Flux<MapRecord<String, Object, Object>> stale = PeriodicJobs.rounds(claimEvery,
                () -> Flux.fromIterable(keys()).concatMap(key -> claimStale(how, key)),
                "Claiming stale stream entries");
        return ensureGroup(how.group()).thenMany(Flux.merge(fresh, stale))
                .flatMap(entry -> handleAndAck(how.group(), entry, types, handler), how.concurrency())
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
    private Flux<List<MapRecord<String, Object, Object>>> reads(Consumer me, Consumption how) {
        return Flux.defer(() -> Flux.fromIterable(keys())
                        .concatMap(key -> readNew(me, key, how.batchSize()).collectList())
                        .collectList()
                        .onErrorResume(e -> {
                            log.warn("Reading the event stream failed; the next round retries: {}", e.toString());
                            return ensureGroup(how.group()).onErrorResume(again -> Mono.empty())
                                    .then(Mono.just(List.of()));
                        })
                        .flatMapMany(round -> {
                            List<MapRecord<String, Object, Object>> read = round.stream().flatMap(List::stream)
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
                .concatMap(key -> redis.opsForStream().pending(key, group).map(p -> p.getTotalPendingMessages()))
                .reduce(0L, Long::sum);
    }

    /** One read per partition: a command naming streams of several hash slots is refused by a Redis Cluster. */
    private Flux<MapRecord<String, Object, Object>> readNew(Consumer me, String key, int count) {
        return redis.opsForStream().read(me, StreamReadOptions.empty().count(count),
                StreamOffset.create(key, ReadOffset.lastConsumed()));
    }

    private Flux<MapRecord<String, Object, Object>> claimStale(Consumption how, String key) {
        return redis.opsForStream().pending(key, how.group(), Range.unbounded(), how.batchSize())
                .flatMapMany(Flux::fromIterable)
                .filter(p -> p.getElapsedTimeSinceLastDelivery().compareTo(how.claimIdle()) >= 0)
                .collectList()
                .flatMapMany(stale -> {
                    if (stale.isEmpty()) {
                        return Flux.empty();
                    }
                    Flux<Void> givenUp = Flux.fromIterable(stale)
                            .filter(p -> p.getTotalDeliveryCount() > how.maxDeliveries())
                            .concatMap(p -> giveUp(key, how.group(), p));
                    RecordId[] ids = stale.stream().filter(p -> p.getTotalDeliveryCount() <= how.maxDeliveries())
                            .map(PendingMessage::getId).toArray(RecordId[]::new);
                    // XCLAIM with a minimum idle time: of two nodes claiming at once, one gets each entry.
                    return givenUp.thenMany(ids.length == 0 ? Flux.empty()
                            : redis.opsForStream().claim(key, how.group(), how.consumer(),
                                    how.claimIdle(), ids));
                });
    }

    private Mono<Void> giveUp(String key, String group, PendingMessage pending) {
        log.error("Stream entry {} failed {} deliveries in group {}; acknowledged without handling",
                pending.getIdAsString(), pending.getTotalDeliveryCount(), group);
        return redis.opsForStream().acknowledge(key, group, pending.getId()).then();
    }

    private Mono<Void> handleAndAck(String group, MapRecord<String, Object, Object> entry, EventTypes types,
            Function<StreamEvent, Mono<Void>> handler) {
        Optional<StreamEvent> read;
        try {
            read = read(event(entry.getValue()), types);
        } catch (RuntimeException unreadable) {
            log.error("Unreadable stream entry {} acknowledged without handling", entry.getId(), unreadable);
            return ack(group, entry);
        }
        if (read.isEmpty()) {
            log.info("Stream entry {} of type {} is no event this consumer reads; acknowledged without handling",
                    entry.getId(), entry.getValue().get("type"));
            return ack(group, entry);
        }
        StreamEvent event = read.get();
        return Mono.defer(() -> handler.apply(event))
                .then(ack(group, entry))
                .onErrorResume(e -> {
                    log.warn("Event {} ({}) left pending for a retry: {}", event.id(), event.type(), e.toString());
                    return Mono.empty();
                });
    }

    /** The entry's record among {@code types}, or empty when its type is none of them. */
    Optional<StreamEvent> read(OutboxEvent entry, EventTypes types) {
        return types.type(entry.type()).map(type -> new StreamEvent(entry.id(), entry.aggregateId(),
                json.readValue(entry.payload(), type), entry.occurredAt()));
    }

    /** Acknowledges {@code entry}; the acknowledgements made at the same time go to Redis in one XACK per group. */
    private Mono<Void> ack(String group, MapRecord<String, Object, Object> entry) {
        return acks.submit(new Ack(entry.getStream(), group, entry.getId())).then();
    }

    private record Ack(String stream, String group, RecordId id) {
    }

    private Mono<List<Boolean>> ackAll(List<Ack> batch) {
        Map<List<String>, List<Ack>> byGroup = batch.stream().collect(Collectors.groupingBy(
                a -> List.of(a.stream(), a.group()), LinkedHashMap::new, Collectors.toList()));
        return Flux.fromIterable(byGroup.values())
                .concatMap(acks -> redis.opsForStream().acknowledge(acks.get(0).stream(), acks.get(0).group(),
                        acks.stream().map(Ack::id).toArray(RecordId[]::new)))
                .then(Mono.fromSupplier(() -> batch.stream().map(a -> Boolean.TRUE).toList()));
    }

    private OutboxEvent event(Map<Object, Object> fields) {
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
