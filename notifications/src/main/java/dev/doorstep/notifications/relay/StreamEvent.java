package dev.doorstep.notifications.relay;

import dev.doorstep.dispatch.outbox.EventTypes;
import java.time.Instant;

/** An event as a consumer receives it: its outbox id and time, and the record it was published as. */
public record StreamEvent(long id, String aggregateId, Record event, Instant occurredAt) {

    /** The event's stable type name, as stored in the outbox. */
    public String type() {
        return EventTypes.nameOf(event);
    }
}
