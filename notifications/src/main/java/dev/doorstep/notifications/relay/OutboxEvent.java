package dev.doorstep.notifications.relay;

import java.time.Instant;

/**
 * One outbox row as the relay moves it to the stream: the event's stable type name and its record as JSON text,
 * untouched. Consumers read it into the record of that name ({@link StreamEvent}).
 */
public record OutboxEvent(long id, String type, String aggregateId, String payload, Instant occurredAt) {
}
