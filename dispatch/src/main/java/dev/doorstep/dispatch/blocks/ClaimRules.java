package dev.doorstep.dispatch.blocks;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.DomainError;
import dev.doorstep.dispatch.errors.Rejected;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The decisions of a Flex claim, without the database: the driver's own repeated claim is answered as it was;
 * another driver's block, a block no longer on offer or already started is a conflict; a block that would overlap
 * the driver's blocks or break a cap is rejected with the reason and why. {@link Offers#claim} checks them inside
 * its transaction and wins the block with a conditional update.
 */
final class ClaimRules {

    private final BlockSettings settings;
    private final ScheduleRules schedule;

    ClaimRules(BlockSettings settings) {
        this.settings = settings;
        this.schedule = new ScheduleRules(settings);
    }

    /** The driver claimed this block already: the claim answers the block as it is. */
    static boolean alreadyClaimedBy(Block block, String driverId) {
        return driverId.equals(block.driverId());
    }

    /** Why nobody may claim the block at {@code now}, in this order: it is taken, not on offer, or has started. */
    static Optional<DomainError> unavailable(Block block, Instant now) {
        if (block.driverId() != null) {
            return Optional.of(new Conflict("ALREADY_CLAIMED", "Another driver claimed block " + block.id()));
        }
        if (block.status() != BlockStatus.OFFERED) {
            return Optional.of(new Conflict("NOT_ON_OFFER", "Block " + block.id() + " is " + block.status()));
        }
        if (!block.startsAt().toInstant().isAfter(now)) {
            return Optional.of(new Conflict("ALREADY_STARTED", "Block " + block.id() + " has started"));
        }
        return Optional.empty();
    }

    /** Whether {@code block} fits beside the blocks the driver holds; shown as an offer only when it does. */
    boolean fits(Block block, List<Block> held) {
        return schedule.violation(BlockRows.span(block), spans(held)).isEmpty();
    }

    /** Why the block breaks the driver's schedule (overlap, daily or weekly cap), or empty when it fits. */
    Optional<Rejected> scheduleRefuses(Block block, List<Block> held) {
        return schedule.violation(BlockRows.span(block), spans(held))
                .map(reason -> new Rejected(reason, explain(reason)));
    }

    /** The block as it is once the driver won it. */
    static Block claimed(Block b, String driverId) {
        return new Block(b.id(), b.stationId(), b.timeZone(), b.startsAt(), b.endsAt(), b.durationMinutes(), b.pay(),
                b.serviceType(), BlockStatus.CLAIMED, driverId, b.routeId());
    }

    private static List<ScheduleRules.Span> spans(List<Block> held) {
        return held.stream().map(BlockRows::span).toList();
    }

    private String explain(String reason) {
        return switch (reason) {
            case ScheduleRules.OVERLAP -> "The block overlaps one of yours, or leaves less than "
                    + settings.travelGap().toMinutes() + " minutes to travel between them";
            case ScheduleRules.DAILY_CAP -> "The block would take you over " + settings.dailyCap().toMinutes()
                    + " minutes of blocks on that day at the station";
            default -> "The block would take you over " + settings.weeklyCap().toMinutes()
                    + " minutes of blocks in that week";
        };
    }
}
