package dev.doorstep.dispatch.blocks;

import dev.doorstep.dispatch.errors.Forbidden;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.fleet.DriverKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads what the block rules need about a Flex driver: that it is one, its home station, its held blocks. */
@Component
class FlexDrivers {

    private static final Duration MARGIN = Duration.ofDays(8);

    private final DatabaseClient db;

    FlexDrivers(DatabaseClient db) {
        this.db = db;
    }

    /** The home station of an active Flex driver; 404 for an unknown driver, 403 for a DSP driver. */
    Mono<String> homeStation(String driverId) {
        return homeStation(driverId, "");
    }

    /**
     * As {@link #homeStation(String)}, locking the driver's row until the transaction ends: the claims of one
     * driver then run one after the other, so two parallel claims cannot together break a cap.
     */
    Mono<String> lockedHomeStation(String driverId) {
        return homeStation(driverId, " FOR UPDATE");
    }

    private record Home(DriverKind kind, String stationId, boolean active) {
    }

    private Mono<String> homeStation(String driverId, String lock) {
        return db.sql("SELECT kind, home_station_id, active FROM drivers WHERE id = :id" + lock)
                .bind("id", driverId)
                .map(row -> new Home(DriverKind.valueOf(row.get("kind", String.class)),
                        row.get("home_station_id", String.class),
                        Boolean.TRUE.equals(row.get("active", Boolean.class))))
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("driver", driverId)))
                .flatMap(home -> home.kind() == DriverKind.FLEX && home.active()
                        ? Mono.just(home.stationId())
                        : Mono.error(new Forbidden("NOT_A_FLEX_DRIVER", "Only active Flex drivers take blocks")));
    }

    /**
     * Blocks the driver holds or worked from a week (and a day) before {@code from} to as long after {@code to}:
     * all that the overlap rule and the daily and weekly caps can need for blocks between the two.
     */
    Mono<List<Block>> held(String driverId, Instant from, Instant to) {
        return db.sql(BlockRows.SELECT + """
                        WHERE b.driver_id = :driver
                        AND b.status IN ('CLAIMED', 'CHECKED_IN', 'COMPLETED')
                        AND b.starts_at BETWEEN :from AND :to""")
                .bind("driver", driverId)
                .bind("from", from.minus(MARGIN))
                .bind("to", to.plus(MARGIN))
                .map(BlockRows::block)
                .all()
                .collectList();
    }
}
