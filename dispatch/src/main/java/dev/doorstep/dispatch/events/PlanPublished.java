package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.outbox.EventType;
import dev.doorstep.dispatch.planning.DspShare;
import java.time.LocalDate;
import java.util.List;

/** Outbox event: a plan's routes now belong to DSPs and Flex blocks (their ids), its packages are PLANNED. */
@EventType("PlanPublished")
public record PlanPublished(String planId, String stationId, LocalDate date, List<DspShare> dsps, int routes,
        List<String> flexBlockIds) implements DispatchEvent {
}
