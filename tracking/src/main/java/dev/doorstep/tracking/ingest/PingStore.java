package dev.doorstep.tracking.ingest;

import dev.doorstep.tracking.live.HotRedis;
import dev.doorstep.tracking.live.LiveFanOut;
import dev.doorstep.tracking.live.LiveKeys;
import dev.doorstep.tracking.live.LiveStoreUnavailable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.lettuce.core.ScriptOutputType;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes a checked batch to Redis: one script call, which on a single Redis also places the driver on its station's
 * map (one round trip a batch); on a Redis Cluster the map is another slot, so it gets a GEOADD of its own after.
 */
@Component
class PingStore {

    /** Trails and latest positions live as long as the oldest ping ingest takes. */
    private final Duration ttl;
    private final HotRedis.Script acceptBatch;
    private final HotRedis redis;
    private final IngestSettings settings;
    private final LiveFanOut fanOut;

    PingStore(HotRedis redis, IngestSettings settings, LiveFanOut fanOut) {
        this.redis = redis;
        this.settings = settings;
        this.fanOut = fanOut;
        this.ttl = settings.maxAge();
        // Read here, at startup: reading the resource later would block the event loop.
        this.acceptBatch = HotRedis.Script.of(script("accept-batch.lua"));
    }

    private static String script(String name) {
        try (var in = new ClassPathResource("dev/doorstep/tracking/ingest/" + name).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis script " + name + " is missing from the build", e);
        }
    }

    /** What the script did: counts, flagged batch indexes, and the new latest position if it moved. */
    record Stored(int accepted, int duplicates, List<Integer> flagged, String newLatest) {
    }

    /** {@code pings} holds (batch index, ping) pairs that passed {@link PingRules}. */
    Mono<Stored> store(DriverHomes.Home home, List<Indexed> pings, Instant now) {
        List<String> args = new ArrayList<>(7 + pings.size() * 2);
        String prefix = home.driverId() + '|' + nullToEmpty(home.dspId()) + '|' + nullToEmpty(home.stationId()) + '|';
        args.add(fanOut.scriptChannel(home.driverId()));
        args.add(prefix);
        args.add(Double.toString(settings.maxSpeedKmh() / 3.6));
        args.add(Long.toString(now.minus(ttl).toEpochMilli()));
        args.add(Integer.toString(settings.trailMaxPings()));
        args.add(Long.toString(ttl.toMillis()));
        args.add(Integer.toString(pings.size()));
        for (Indexed i : pings) {
            PingDraft p = i.ping();
            // The script reads the time and place from the stored form (accept-batch.lua's header).
            args.add(Integer.toString(i.index()));
            args.add(LiveKeys.encode(p.ts().toEpochMilli(), p.lat(), p.lon(), p.accuracy(), p.speed(), p.heading(),
                    p.altitude(), p.battery()));
        }
        boolean mapInScript = !fanOut.sharded() && home.stationId() != null;
        String[] keys = mapInScript
                ? new String[] {LiveKeys.trail(home.driverId()), LiveKeys.latest(home.driverId()),
                        LiveKeys.stationGeo(home.stationId())}
                : new String[] {LiveKeys.trail(home.driverId()), LiveKeys.latest(home.driverId())};
        return redis.<String>eval(acceptBatch, ScriptOutputType.VALUE, keys, args.toArray(String[]::new))
                .map(PingStore::parse)
                .flatMap(stored -> stored.newLatest() == null || !fanOut.sharded() ? Mono.just(stored)
                        : Mono.when(fanOut.publish(home.driverId(), prefix + stored.newLatest()),
                                home.stationId() == null ? Mono.empty() : placeOnStationMap(home, stored.newLatest()))
                                .thenReturn(stored))
                .onErrorMap(LiveStoreUnavailable::ifOutage);
    }

    record Indexed(int index, PingDraft ping) {
    }

    private Mono<Long> placeOnStationMap(DriverHomes.Home home, String latest) {
        String[] f = latest.split("\\|", 4);
        return redis.mono(c -> c.geoadd(LiveKeys.stationGeo(home.stationId()), Double.parseDouble(f[2]),
                Double.parseDouble(f[1]), home.driverId()));
    }

    private static Stored parse(String answer) {
        String[] f = answer.split(";", -1);
        List<Integer> flagged = new ArrayList<>();
        if (!f[2].isEmpty()) {
            for (String index : f[2].split(",")) {
                flagged.add(Integer.valueOf(index));
            }
        }
        return new Stored(Integer.parseInt(f[0]), Integer.parseInt(f[1]), flagged,
                "1".equals(f[3]) ? f[4] : null);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
