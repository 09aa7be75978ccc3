package dev.doorstep.dispatch.blocks;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.errors.Rejected;
import dev.doorstep.dispatch.events.BlockClaimed;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.dispatch.paging.Page;
import dev.doorstep.dispatch.paging.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Offers and claims for Flex drivers. A claim re-checks every rule inside one transaction that holds the
 * driver's row locked (so one driver's parallel claims cannot together break a cap) and wins the block
 * with a conditional update (so exactly one driver gets it, however many try at once).
 */
@Component
public class Offers {

    /** The driver's home station, or a station within the region radius of it (haversine, km). */
    private static final String IN_REGION = "(s.id = home.id OR 6371.0 * 2 * asin(sqrt("
            + "power(sin(radians(s.lat - home.lat) / 2), 2) + cos(radians(home.lat)) * cos(radians(s.lat)) "
            + "* power(sin(radians(s.lon - home.lon) / 2), 2))) <= :radius)";

    private final DatabaseClient db;
    private final FlexDrivers drivers;
    private final Outbox outbox;
    private final TransactionalOperator transaction;
    private final BlockSettings settings;
    private final ClaimRules rules;
    private final Clock clock;

    Offers(DatabaseClient db, FlexDrivers drivers, Outbox outbox, ReactiveTransactionManager transactions,
            BlockSettings settings, Clock clock) {
        this.db = db;
        this.drivers = drivers;
        this.outbox = outbox;
        this.transaction = TransactionalOperator.create(transactions);
        this.settings = settings;
        this.rules = new ClaimRules(settings);
        this.clock = clock;
    }

    /** Blocks the driver may claim now, by start time; the cursor is the last block's start and id. */
    public Mono<Page<Block>> offers(String driverId, PageRequest page) {
        Instant now = clock.instant();
        Instant horizon = now.plus(settings.offerHorizon());
        return drivers.homeStation(driverId)
                .flatMap(home -> candidates(home, now, horizon, OfferCursor.parse(page.after()))
                        .zipWith(drivers.held(driverId, now, horizon)))
                .map(both -> {
                    List<Block> open = both.getT1().stream()
                            .filter(b -> rules.fits(b, both.getT2()))
                            .limit(page.limit() + 1L)
                            .toList();
                    return Page.of(open, page, OfferCursor::of);
                });
    }

    /** Claims the block for the driver; the driver's own repeated claim answers the same. */
    public Mono<Block> claim(String blockId, String driverId) {
        Instant now = clock.instant();
        return drivers.lockedHomeStation(driverId)
                .flatMap(home -> candidate(blockId, home))
                .flatMap(block -> ClaimRules.alreadyClaimedBy(block, driverId) ? Mono.just(block)
                        : claimable(block, driverId, now).then(take(block, driverId)))
                .as(transaction::transactional);
    }

    private Mono<Void> claimable(Block block, String driverId, Instant now) {
        return ClaimRules.unavailable(block, now).<Mono<Void>>map(Mono::error)
                .orElseGet(() -> drivers.held(driverId, block.startsAt().toInstant(), block.endsAt().toInstant())
                        .flatMap(held -> rules.scheduleRefuses(block, held).<Mono<Void>>map(Mono::error)
                                .orElse(Mono.empty())));
    }

    private Mono<Block> take(Block block, String driverId) {
        return db.sql("""
                        UPDATE blocks SET status = 'CLAIMED', driver_id = :driver, claimed_at = now(),
                        version = version + 1 WHERE id = :id AND status = 'OFFERED'""")
                .bind("driver", driverId)
                .bind("id", block.id())
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == 0
                        ? Mono.error(new Conflict("ALREADY_CLAIMED", "Another driver claimed block " + block.id()))
                        : outbox.append(block.id(), new BlockClaimed(block.id(), block.stationId(),
                                driverId, block.startsAt())))
                .then(Mono.fromSupplier(() -> ClaimRules.claimed(block, driverId)));
    }

    private Mono<List<Block>> candidates(String homeStation, Instant now, Instant horizon, OfferCursor after) {
        return db.sql(BlockRows.SELECT + """
                        JOIN stations home ON home.id = :home
                        WHERE b.status = 'OFFERED' AND b.starts_at > :now AND b.starts_at < :horizon
                        AND (b.starts_at, b.id) > (:afterStart, :afterId) AND
                        """ + IN_REGION + " ORDER BY b.starts_at, b.id")
                .bind("home", homeStation)
                .bind("now", now)
                .bind("horizon", horizon)
                .bind("afterStart", after.start())
                .bind("afterId", after.id())
                .bind("radius", settings.regionRadiusKm())
                .map(BlockRows::block)
                .all()
                .collectList();
    }

    /** The block when it exists and lies in the driver's region; otherwise it is not an offer to them. */
    private Mono<Block> candidate(String blockId, String homeStation) {
        return db.sql(BlockRows.SELECT + "JOIN stations home ON home.id = :home WHERE b.id = :id AND " + IN_REGION)
                .bind("home", homeStation)
                .bind("id", blockId)
                .bind("radius", settings.regionRadiusKm())
                .map(BlockRows::block)
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("offer", blockId)));
    }
}
