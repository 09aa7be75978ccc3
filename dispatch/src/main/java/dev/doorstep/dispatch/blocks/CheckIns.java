package dev.doorstep.dispatch.blocks;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.Rejected;
import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.geo.Geofences;
import dev.doorstep.dispatch.routes.ledger.RouteLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Check-in at the station, and the route the block carries. Another driver's block is "not found". */
@Component
public class CheckIns {

    private final DatabaseClient db;
    private final BlockSweep sweep;
    private final RouteLedger routes;
    private final TransactionalOperator transaction;
    private final BlockSettings settings;
    private final ScheduleRules rules;
    private final Clock clock;

    CheckIns(DatabaseClient db, BlockSweep sweep, RouteLedger routes, ReactiveTransactionManager transactions,
            BlockSettings settings, Clock clock) {
        this.db = db;
        this.routes = routes;
        this.sweep = sweep;
        this.transaction = TransactionalOperator.create(transactions);
        this.settings = settings;
        this.rules = new ScheduleRules(settings);
        this.clock = clock;
    }

    /**
     * Checks the driver in: inside the station's geofence (the boundary counts, and the phone's accuracy up to
     * a limit counts in the driver's favour) and inside the window around the start. The block's route then
     * becomes the driver's. Checking in again answers the same.
     */
    public Mono<Block> checkIn(String blockId, String driverId, CheckIn position) {
        Instant now = clock.instant();
        return sweep.ofBlock(blockId)
                .then(BlockRows.ownedBy(db, blockId, driverId))
                .flatMap(block -> block.status() == BlockStatus.CHECKED_IN ? Mono.just(block)
                        : verified(block, position, now).then(markCheckedIn(block, driverId)))
                .as(transaction::transactional);
    }

    /**
     * The route of a block the driver has checked in to, with its stops in order: the Flex driver's itinerary.
     * Empty when the block carries no route; a conflict before check-in.
     */
    public Mono<BlockRoute> route(String blockId, String driverId) {
        return sweep.ofBlock(blockId)
                .then(BlockRows.ownedBy(db, blockId, driverId))
                .flatMap(block -> {
                    if (block.status() != BlockStatus.CHECKED_IN && block.status() != BlockStatus.COMPLETED) {
                        return Mono.error(new Conflict("NOT_CHECKED_IN", "The route is handed over at check-in"));
                    }
                    return block.routeId() == null ? Mono.just(BlockRoute.none(blockId))
                            : BlockRoute.read(db, block.routeId(), blockId);
                });
    }

    private Mono<Void> verified(Block block, CheckIn position, Instant now) {
        if (block.status() != BlockStatus.CLAIMED && block.status() != BlockStatus.NO_SHOW) {
            return Mono.error(new Conflict("NOT_CHECKABLE", "Block " + block.id() + " is " + block.status()));
        }
        // A block past its window is already a no-show; the driver is told the window rule it missed.
        Optional<String> window = rules.checkInWindow(block.startsAt().toInstant(), now)
                .or(() -> block.status() == BlockStatus.NO_SHOW ? Optional.of("TOO_LATE") : Optional.empty());
        if (window.isPresent()) {
            return Mono.error(new Rejected(window.get(), "Check-in is open from "
                    + settings.checkInOpens().toMinutes() + " minutes before the start to "
                    + settings.checkInCloses().toMinutes() + " minutes after it"));
        }
        return db.sql("SELECT geofence_wkt FROM stations WHERE id = :id").bind("id", block.stationId())
                .map(row -> row.get("geofence_wkt", String.class)).one()
                .flatMap(wkt -> {
                    double outside = Geofences.metersOutside(Geofences.fromWkt(wkt),
                            new GeoPoint(position.lat(), position.lon()));
                    double credit = Math.min(position.accuracy() == null ? 0 : position.accuracy(),
                            settings.maxAccuracyCredit());
                    return outside <= credit ? Mono.empty() : Mono.error(new Rejected("OUTSIDE_GEOFENCE",
                            String.format(Locale.ROOT, "You are %.0f m outside the station's check-in area", outside)));
                });
    }

    private Mono<Block> markCheckedIn(Block block, String driverId) {
        return db.sql("""
                        UPDATE blocks SET status = 'CHECKED_IN', checked_in_at = now(), version = version + 1
                        WHERE id = :id AND driver_id = :driver AND status = 'CLAIMED'""")
                .bind("id", block.id()).bind("driver", driverId)
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == 0
                        ? Mono.error(new Conflict("NOT_CHECKABLE", "Block " + block.id() + " changed meanwhile"))
                        : routes.checkIn(block.id(), driverId))
                .then(Mono.defer(() -> BlockRows.byId(db, block.id())));
    }
}
