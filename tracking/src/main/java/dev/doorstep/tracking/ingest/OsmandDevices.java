package dev.doorstep.tracking.ingest;

import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.fleet.Drivers;
import dev.doorstep.dispatch.ids.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Tracking-app devices (first OsmAnd / Traccar Client, now also OwnTracks, Overland and GPSLogger) that
 * authenticate by their device key alone. Only the key's SHA-256 is stored; known keys are remembered in
 * memory for a while because each ping presents one.
 */
@Component
public class OsmandDevices {

    private static final int MAX_CACHED = 100_000;

    private final DatabaseClient db;
    private final Drivers drivers;
    private final long ttlNanos;
    private final Map<String, Cached> known = new ConcurrentHashMap<>();

    private record Cached(String driverId, long expiresAtNanos) {
    }

    OsmandDevices(DatabaseClient db, Drivers drivers, IngestSettings settings) {
        this.db = db;
        this.drivers = drivers;
        this.ttlNanos = settings.driverCacheTtl().toNanos();
    }

    /** Registers a new device of {@code driverId} and returns its key. */
    public Mono<OsmandDevice> register(String driverId) {
        byte[] random = new byte[24];
        Ids.randomBytes(random);
        String key = "osm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return drivers.get(driverId)
                .then(db.sql("""
                                INSERT INTO osmand_devices (key_hash, driver_id) VALUES (:hash, :driver)
                                RETURNING created_at""")
                        .bind("hash", sha256(key))
                        .bind("driver", driverId)
                        .map(row -> row.get("created_at", OffsetDateTime.class))
                        .one())
                .map(created -> new OsmandDevice(key, driverId, created.toInstant()));
    }

    /** The driver a device key belongs to; NotFound for an unknown key. */
    public Mono<String> driverOf(String deviceKey) {
        Cached cached = known.get(deviceKey);
        if (cached != null && cached.expiresAtNanos() - System.nanoTime() > 0) {
            return Mono.just(cached.driverId());
        }
        return db.sql("SELECT driver_id FROM osmand_devices WHERE key_hash = :hash")
                .bind("hash", sha256(deviceKey))
                .map(row -> row.get("driver_id", String.class))
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("device", "with this id")))
                .doOnNext(driverId -> {
                    if (known.size() >= MAX_CACHED) {
                        known.clear();
                    }
                    known.put(deviceKey, new Cached(driverId, System.nanoTime() + ttlNanos));
                });
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
