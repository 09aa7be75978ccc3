package dev.doorstep.dispatch.outbox;

import java.time.OffsetDateTime;

/** An outbox row not relayed yet: the event's stable type name and its record as JSON text, untouched. */
public record UnrelayedEvent(long id, String type, String aggregateId, String payload, OffsetDateTime occurredAt) {
}
