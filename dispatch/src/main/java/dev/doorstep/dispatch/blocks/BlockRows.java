package dev.doorstep.dispatch.blocks;

import dev.doorstep.dispatch.errors.NotFound;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** How blocks are read from SQL: every query selects {@link #SELECT} and maps rows with {@link #block}. */
final class BlockRows {

    static final String SELECT = """
            SELECT b.id, b.station_id, s.time_zone, b.starts_at, b.duration_minutes,
            b.pay_amount, b.pay_currency, b.service_type, b.status, b.driver_id,
            (SELECT r.id FROM routes r WHERE r.block_id = b.id ORDER BY r.id LIMIT 1) AS route_id
            FROM blocks b JOIN stations s ON s.id = b.station_id
            """;

    private BlockRows() {
    }

    /** The block {@code id}, or "not found". */
    static Mono<Block> byId(DatabaseClient db, String id) {
        return db.sql(SELECT + "WHERE b.id = :id")
                .bind("id", id)
                .map(BlockRows::block)
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("block", id)));
    }

    /** The block {@code id} when {@code driverId} holds or held it; another driver's block is "not found". */
    static Mono<Block> ownedBy(DatabaseClient db, String id, String driverId) {
        return db.sql(SELECT + "WHERE b.id = :id AND b.driver_id = :driver")
                .bind("id", id)
                .bind("driver", driverId)
                .map(BlockRows::block)
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("block", id)));
    }

    static Block block(Readable row) {
        ZoneId zone = ZoneId.of(row.get("time_zone", String.class));
        OffsetDateTime start = row.get("starts_at", OffsetDateTime.class).atZoneSameInstant(zone).toOffsetDateTime();
        int minutes = row.get("duration_minutes", Integer.class);
        OffsetDateTime end = start.toInstant().plusSeconds(minutes * 60L).atZone(zone).toOffsetDateTime();
        return new Block(
                row.get("id", String.class),
                row.get("station_id", String.class),
                zone.getId(),
                start,
                end,
                minutes,
                new Pay(row.get("pay_amount", BigDecimal.class), row.get("pay_currency", String.class).strip()),
                ServiceType.valueOf(row.get("service_type", String.class)),
                BlockStatus.valueOf(row.get("status", String.class)),
                row.get("driver_id", String.class),
                row.get("route_id", String.class));
    }

    static ScheduleRules.Span span(Block block) {
        return new ScheduleRules.Span(block.startsAt().toInstant(), block.endsAt().toInstant(),
                ZoneId.of(block.timeZone()));
    }
}
