package dev.doorstep.tracking.exceptions;

import dev.doorstep.dispatch.jobs.PeriodicJob;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.dispatch.planning.PlannedRoutes;
import dev.doorstep.dispatch.planning.RouteUnderway;
import dev.doorstep.tracking.events.TrackingSilent;
import dev.doorstep.tracking.live.HotRedis;
import dev.doorstep.tracking.live.LivePositions;
import dev.doorstep.tracking.live.Position;
import dev.doorstep.tracking.live.TrailPoint;
import dev.doorstep.tracking.live.Trails;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Exceptions on DSP routes. {@link #detect} (every {@code check-every} on every node) evaluates each route in
 * progress and each DSP route due without driver or van, opens a row per condition not open yet and clears the
 * open rows whose condition ended (a finished route has no conditions, so all of its rows clear). Each open and
 * clear is published on Redis ({@code exc:<dspId>}); every node holds one pattern subscription, so a dispatcher's
 * live panel hears of changes made on any node.
 */
@Component
public class RouteExceptions implements PeriodicJob {

    private static final String CHANNEL_PREFIX = "exc:";

    private final PlannedRoutes routes;
    private final LivePositions positions;
    private final Trails trails;
    private final ExceptionStore store;
    private final Outbox outbox;
    private final ReactiveStringRedisTemplate redis;
    private final HotRedis hot;
    private final ExceptionSettings settings;
    private final ExceptionRules rules;
    private final Clock clock;
    private final TransactionalOperator transaction;
    private final Flux<Published> changes;
    private volatile Mono<Void> listening = Mono.empty();

    /** A change as published: the DSP travels with it so that viewers filter without I/O. */
    private record Published(String dspId, RouteException exception) {
    }

    /** What one check did. */
    public record Detection(int opened, int cleared) {
    }

    RouteExceptions(PlannedRoutes routes, LivePositions positions, Trails trails, ExceptionStore store, Outbox outbox,
            ReactiveStringRedisTemplate redis, HotRedis hot, ExceptionSettings settings, Clock clock,
            ReactiveTransactionManager transactions) {
        this.routes = routes;
        this.positions = positions;
        this.trails = trails;
        this.store = store;
        this.outbox = outbox;
        this.redis = redis;
        this.hot = hot;
        this.settings = settings;
        this.rules = new ExceptionRules(settings);
        this.clock = clock;
        this.transaction = TransactionalOperator.create(transactions);
        this.changes = Flux.defer(this::subscribed)
                .map(m -> m.getMessage().split("\\|", 2))
                .concatMap(m -> store.item(m[1]).map(item -> new Published(m[0], item)))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
                .share();
    }

    /**
     * The node's pattern subscription; {@link #listening} completes once Redis confirmed it. Opening the
     * subscription connection waits for it: not on the event loop.
     */
    private Flux<? extends ReactiveSubscription.Message<String, String>> subscribed() {
        Sinks.Empty<Void> confirmed = Sinks.empty();
        listening = confirmed.asMono();
        return redis.listenToPatternLater(CHANNEL_PREFIX + "*")
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(messages -> confirmed.tryEmitEmpty())
                // Failed or cancelled: viewers waiting read the open rows anyway rather than hang.
                .doFinally(signal -> confirmed.tryEmitEmpty())
                .flatMapMany(Function.identity());
    }

    /** Checks on a timer while the application runs (a paused or stopped context does not check). */
    @Override
    public Schedule schedule() {
        return Schedule.every(settings.checkEvery(), "route exceptions", this::detect);
    }

    /** Opens and clears exceptions as of {@code now}; answers how many of each this node did. */
    public Mono<Detection> detect(Instant now) {
        return store.open().flatMap(open -> conditions(now).flatMap(found -> {
            Set<String> openKeys = open.stream().map(ExceptionStore.Open::key).collect(Collectors.toSet());
            Set<String> foundKeys = new HashSet<>();
            List<Condition> toOpen = new ArrayList<>();
            for (Condition c : found) {
                if (foundKeys.add(c.key()) && !openKeys.contains(c.key())) {
                    toOpen.add(c);
                }
            }
            List<String> toClear = open.stream().filter(o -> !foundKeys.contains(o.key()))
                    .map(ExceptionStore.Open::id).toList();
            Mono<Long> opened = Flux.fromIterable(toOpen).concatMap(this::opened).count();
            Mono<Long> cleared = store.clear(toClear, now).concatMap(this::published).count();
            return opened.zipWith(cleared, (o, c) -> new Detection(o.intValue(), c.intValue()));
        }));
    }

    /** Whether the exception has cleared (its condition ended); false for an unknown id. */
    public Mono<Boolean> cleared(String exceptionId) {
        return store.cleared(exceptionId);
    }

    /** The DSP's open exceptions, newest first. */
    public Flux<RouteException> openOf(String dspId) {
        return store.openOf(dspId);
    }

    /** The DSP's exceptions of its routes of {@code date} (today in the station's zone when null), open or not. */
    public Flux<RouteException> ofDay(String dspId, LocalDate date) {
        return store.ofDay(dspId, date, clock.instant());
    }

    /**
     * The DSP's open exceptions, then each one as it opens or clears. The open ones are read once the node's
     * subscription is confirmed, so nothing falls between the two: a row opened earlier is in the read, a change
     * published later comes live.
     */
    public Flux<RouteException> follow(String dspId) {
        return Flux.defer(() -> {
            Flux<RouteException> live = changes.filter(p -> dspId.equals(p.dspId())).map(Published::exception);
            return Flux.merge(live, Mono.defer(() -> listening).thenMany(store.openOf(dspId)));
        });
    }

    private Mono<List<Condition>> conditions(Instant now) {
        Mono<List<Condition>> onRoutes = routes.underway()
                .flatMapMany(Flux::fromIterable)
                .flatMap(route -> onRoute(route, now), 8)
                .flatMapIterable(Function.identity())
                .collectList();
        Mono<List<Condition>> fromRows = store.unassigned(now, settings.unassignedLead())
                .concatWith(store.farFromAddress())
                .collectList();
        return onRoutes.zipWith(fromRows, (a, b) -> {
            List<Condition> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        });
    }

    private Mono<List<Condition>> onRoute(RouteUnderway route, Instant now) {
        Instant from = now.minus(rules.trailWindow());
        if (route.startedAt() != null && route.startedAt().toInstant().isAfter(from)) {
            from = route.startedAt().toInstant();
        }
        Mono<List<TrailPoint>> trail = trails.trail(route.driverId(), from, now).collectList();
        return positions.latest(route.driverId())
                .<Optional<Position>>map(Optional::of).defaultIfEmpty(Optional.empty())
                .zipWith(trail, (latest, points) -> rules.onRoute(route, latest.orElse(null), points, now));
    }

    /** Opens the row and, for NO_PINGS, appends TrackingSilent in the same transaction; then publishes it. */
    private Mono<String> opened(Condition c) {
        return store.insert(c)
                .flatMap(id -> c.kind() == ExceptionKind.NO_PINGS
                        ? outbox.append(c.driverId(), new TrackingSilent(c.driverId(), c.routeId(), c.dspId(), id,
                                c.startedAt())).thenReturn(id)
                        : Mono.just(id))
                .as(transaction::transactional)
                .flatMap(id -> published(new ExceptionStore.Changed(id, c.dspId())));
    }

    private Mono<String> published(ExceptionStore.Changed changed) {
        return hot.mono(c -> c.publish(CHANNEL_PREFIX + changed.dspId(), changed.dspId() + "|" + changed.id()))
                .thenReturn(changed.id());
    }
}
