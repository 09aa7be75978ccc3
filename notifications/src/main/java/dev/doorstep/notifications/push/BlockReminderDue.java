package dev.doorstep.notifications.push;

import dev.doorstep.dispatch.outbox.EventType;
import java.time.Instant;

/** Outbox event: a claimed block starts soon and its driver gets a reminder. */
@EventType("BlockReminderDue")
public record BlockReminderDue(String blockId, String stationId, String driverId, Instant startsAt)
        implements NotificationEvent {
}
