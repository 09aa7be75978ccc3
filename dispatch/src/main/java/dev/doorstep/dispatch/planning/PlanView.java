package dev.doorstep.dispatch.planning;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A plan job as its caller sees it: progress while RUNNING (an estimate from the time budget), then the
 * routes, the packages no route could take, and where travel times came from; for a re-plan, the published plan
 * whose routes it keeps ({@code keepRoutesOf}, else null).
 */
public record PlanView(String id, String stationId, LocalDate date, PlanStatus status, int progressPercent,
        OffsetDateTime startedAt, OffsetDateTime finishedAt, String travelTimes, String failure,
        Integer stopCount, Integer packageCount, List<String> unplannedPackages, List<PlannedRoute> routes,
        String keepRoutesOf) {
}
