package dev.doorstep.dispatch.blocks;

import java.time.OffsetDateTime;

/**
 * A Flex block: a time window of work at a station. Times carry the station's offset, so a driver sees
 * them as the station's clock shows them.
 */
public record Block(String id, String stationId, String timeZone, OffsetDateTime startsAt, OffsetDateTime endsAt,
        int durationMinutes, Pay pay, ServiceType serviceType, BlockStatus status, String driverId, String routeId) {
}
