package dev.doorstep.dispatch.blocks;

import java.time.OffsetDateTime;

/** The events Flex blocks publish through the outbox, for notifications to push. */
public final class BlockEvents {

    private BlockEvents() {
    }

    public record BlockOffered(String blockId, String stationId, OffsetDateTime startsAt, int durationMinutes) {
    }

    public record BlockClaimed(String blockId, String stationId, String driverId, OffsetDateTime startsAt) {
    }

    public record BlockForfeited(String blockId, String stationId, String driverId, boolean late) {
    }

    /** {@code driverId} is the driver who held the block when it was cancelled, or null. */
    public record BlockCancelled(String blockId, String stationId, String driverId, OffsetDateTime startsAt) {
    }

    /** {@code routeId} is the route that went back to the station, or null. */
    public record BlockNoShow(String blockId, String stationId, String driverId, String routeId) {
    }

    static BlockOffered offered(Block b) {
        return new BlockOffered(b.id(), b.stationId(), b.startsAt(), b.durationMinutes());
    }
}
