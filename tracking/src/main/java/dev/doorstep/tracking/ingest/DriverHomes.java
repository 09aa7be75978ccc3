package dev.doorstep.tracking.ingest;

import dev.doorstep.dispatch.fleet.Drivers;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Each driver's DSP and home station, kept in memory for a short while: every batch needs them, and a
 * database read per batch would make PostgreSQL the limit of ingest.
 */
@Component
class DriverHomes {

    /** Past this many cached drivers the cache starts over rather than grow. */
    private static final int MAX_ENTRIES = 100_000;

    record Home(String driverId, String dspId, String stationId, long expiresAtNanos) {
    }

    private final Drivers drivers;
    private final long ttlNanos;
    private final Map<String, Home> homes = new ConcurrentHashMap<>();

    DriverHomes(Drivers drivers, IngestSettings settings) {
        this.drivers = drivers;
        this.ttlNanos = settings.driverCacheTtl().toNanos();
    }

    /** The driver's home; NotFound when no driver has this id. */
    Mono<Home> of(String driverId) {
        Home cached = homes.get(driverId);
        if (cached != null && cached.expiresAtNanos() - System.nanoTime() > 0) {
            return Mono.just(cached);
        }
        return drivers.get(driverId).map(d -> {
            Home home = new Home(d.id(), d.dspId(), d.homeStationId(), System.nanoTime() + ttlNanos);
            if (homes.size() >= MAX_ENTRIES) {
                homes.clear();
            }
            homes.put(driverId, home);
            return home;
        });
    }
}
