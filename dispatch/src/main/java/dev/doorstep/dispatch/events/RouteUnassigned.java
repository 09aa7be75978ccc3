package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.outbox.EventType;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Outbox event: a DSP's route has no driver yet and starts within the lead time. */
@EventType("RouteUnassigned")
public record RouteUnassigned(String routeId, String dspId, String stationId, LocalDate date,
        OffsetDateTime plannedStart) implements DispatchEvent {
}
