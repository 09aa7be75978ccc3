package dev.doorstep.tracking.live;

import dev.doorstep.dispatch.fleet.Driver;
import dev.doorstep.dispatch.fleet.Drivers;
import dev.doorstep.dispatch.paging.PageRequest;
import io.lettuce.core.KeyValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.DisposableBean;
import io.lettuce.core.GeoArgs;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Latest positions of drivers, as a snapshot and then every move. Every node holds one subscription to the drivers'
 * live channels ({@link LiveFanOut}: a pattern subscription on one Redis, sharded channels on a cluster), whichever
 * node ingested the ping, opened with its first viewer and shared by all of them ({@link LocalViewers} hands each
 * move only to the viewers that follow its driver, DSP or station); each viewer takes through its own bounded
 * buffer that drops the oldest moves, so a slow viewer never holds back ingest or other viewers.
 */
@Component
public class LivePositions implements DisposableBean {

    private final HotRedis redis;
    private final Drivers drivers;
    private final LiveSettings settings;
    private final Flux<Move> moves;
    private final LocalViewers viewers = new LocalViewers();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private volatile Disposable subscription;

    /** A published move: the driver's DSP and home station travel with it so that viewers filter without I/O. */
    record Move(String dspId, String stationId, Position position) {

        static Move parse(String message) {
            String[] head = message.split("\\|", 4);
            return new Move(head[1], head[2], LiveKeys.position(head[0], head[3]));
        }
    }

    LivePositions(HotRedis redis, Drivers drivers, LiveSettings settings, LiveFanOut fanOut) {
        this.redis = redis;
        this.drivers = drivers;
        this.settings = settings;
        this.moves = fanOut.moves()
                .map(Move::parse)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)));
    }

    /** Opens the node's subscription with the first viewer; it lasts as long as the node. */
    private void ensureSubscribed() {
        if (subscribed.compareAndSet(false, true)) {
            subscription = moves.subscribe(viewers::publish);
        }
    }

    @Override
    public void destroy() {
        Disposable open = subscription;
        if (open != null) {
            open.dispose();
        }
    }

    /** The DSP's drivers: each one's latest position, then every move. */
    public Flux<Position> ofDsp(String dspId) {
        return follow(LocalViewers.dsp(dspId), driversOf(dspId).flatMap(this::latest, 4));
    }

    /** The drivers whose home station it is: each one's latest position, then every move. */
    public Flux<Position> ofStation(String stationId) {
        Flux<List<String>> onMap = redis.flux(c -> c.zrange(LiveKeys.stationGeo(stationId), 0, -1)).buffer(500);
        return follow(LocalViewers.station(stationId), onMap.flatMap(this::latest, 4));
    }

    /** The station's drivers whose latest position is within {@code radiusM} of the point, nearest first. */
    public Flux<NearbyDriver> near(String stationId, double lat, double lon, double radiusM) {
        GeoArgs args = new GeoArgs().withCoordinates().withDistance().asc();
        return redis.flux(c -> c.georadius(LiveKeys.stationGeo(stationId), lon, lat, radiusM / 1000, GeoArgs.Unit.km,
                        args))
                .map(r -> new NearbyDriver(r.getMember(), r.getCoordinates().getY().doubleValue(),
                        r.getCoordinates().getX().doubleValue(), r.getDistance() * 1000))
                .onErrorMap(LiveStoreUnavailable::ifOutage);
    }

    /** One driver: its latest position, then every move. */
    public Flux<Position> ofDriver(String driverId) {
        return follow(LocalViewers.driver(driverId), latest(driverId).flux());
    }

    /** The driver's latest live position, if any. */
    public Mono<Position> latest(String driverId) {
        return redis.mono(c -> c.get(LiveKeys.latest(driverId)))
                .map(stored -> LiveKeys.position(driverId, stored))
                .onErrorMap(LiveStoreUnavailable::ifOutage);
    }

    private Flux<Position> latest(List<String> driverIds) {
        if (driverIds.isEmpty()) {
            // A DSP or station without drivers yet: Redis refuses an MGET of no keys.
            return Flux.empty();
        }
        String[] keys = driverIds.stream().map(LiveKeys::latest).toArray(String[]::new);
        // MGET answers in the order of the keys (split by slot and put back in order on a cluster).
        return redis.flux(c -> c.mget(keys)).collectList().flatMapIterable(values -> {
            List<Position> found = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                KeyValue<String, String> value = values.get(i);
                if (value.hasValue()) {
                    found.add(LiveKeys.position(driverIds.get(i), value.getValue()));
                }
            }
            return found;
        });
    }

    private Flux<List<String>> driversOf(String dspId) {
        return Mono.just(new PageRequest("", PageRequest.MAX_LIMIT))
                .flatMap(first -> drivers.list(dspId, first))
                .expand(page -> page.next() == null ? Mono.empty()
                        : drivers.list(dspId, new PageRequest(page.next(), PageRequest.MAX_LIMIT)))
                .map(page -> page.items().stream().map(Driver::id).toList());
    }

    /** Subscribes to moves before reading the snapshot, so no move falls between the two. */
    private Flux<Position> follow(String key, Flux<Position> snapshot) {
        return Flux.defer(() -> {
            ensureSubscribed();
            return viewer(viewers.follow(key), snapshot.onErrorMap(LiveStoreUnavailable::ifOutage),
                    settings.viewerBuffer());
        });
    }

    /** One viewer of the moves it follows: its own bounded buffer drops its oldest moves when it falls behind. */
    static Flux<Position> viewer(Flux<Move> moves, Flux<Position> snapshot, int buffer) {
        Flux<Position> live = moves
                .onBackpressureBuffer(buffer, dropped -> { }, BufferOverflowStrategy.DROP_OLDEST)
                .map(Move::position);
        return Flux.merge(live, snapshot);
    }
}
