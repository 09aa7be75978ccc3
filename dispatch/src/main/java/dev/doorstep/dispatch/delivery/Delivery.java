package dev.doorstep.dispatch.delivery;

import java.time.OffsetDateTime;
import java.util.List;

/** One upload at a stop as recorded: an attempt per package. {@code replayed} is true for a retry's answer. */
public record Delivery(String id, String stopId, String routeId, OffsetDateTime capturedAt, OffsetDateTime receivedAt,
        List<Attempt> attempts, boolean replayed) {

    Delivery asReplay() {
        return new Delivery(id, stopId, routeId, capturedAt, receivedAt, attempts, true);
    }
}
