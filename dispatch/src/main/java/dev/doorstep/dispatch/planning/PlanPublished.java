package dev.doorstep.dispatch.planning;

import java.time.LocalDate;
import java.util.List;

/** Outbox event: a plan's routes now belong to DSPs and Flex blocks (their ids), its packages are PLANNED. */
public record PlanPublished(String planId, String stationId, LocalDate date, List<DspShare> dsps, int routes,
        List<String> flexBlockIds) {
}
