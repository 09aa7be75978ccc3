package dev.doorstep.notifications.push;

import java.time.Instant;

/** Outbox event: a claimed block starts soon and its driver gets a reminder. */
public record BlockReminderDue(String blockId, String stationId, String driverId, Instant startsAt) {
}
