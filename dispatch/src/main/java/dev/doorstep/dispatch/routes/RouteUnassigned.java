package dev.doorstep.dispatch.routes;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Outbox event: a DSP's route has no driver yet and starts within the lead time. */
public record RouteUnassigned(String routeId, String dspId, String stationId, LocalDate date, OffsetDateTime plannedStart) {
}
