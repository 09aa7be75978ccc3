package dev.doorstep.notifications.relay;

import java.time.Instant;
import java.util.Map;

/**
 * One outbox row as it travels on the stream. {@code payload} is the event record as JSON, read into a map:
 * consumers read its fields defensively, since the producing module owns the shape.
 */
public record OutboxEvent(long id, String type, String aggregateId, Map<String, Object> payload, Instant occurredAt) {

    /** A payload field as text, or null when absent. */
    public String text(String field) {
        Object value = payload.get(field);
        return value == null ? null : value.toString();
    }

    /** A payload field as an instant (ISO-8601 text or epoch seconds), or null when absent or unreadable. */
    public Instant instant(String field) {
        Object value = payload.get(field);
        try {
            if (value instanceof Number n) {
                return Instant.ofEpochMilli((long) (n.doubleValue() * 1000));
            }
            return value == null ? null : java.time.OffsetDateTime.parse(value.toString()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return Instant.parse(value.toString());
            } catch (java.time.format.DateTimeParseException again) {
                return null;
            }
        }
    }
}
