package dev.doorstep.dispatch.events;

import dev.doorstep.dispatch.outbox.EventType;
import java.time.LocalDate;
import java.util.List;

/**
 * Outbox event: a re-plan of a published day was published (beside its {@link PlanPublished}). The routes it
 * continued kept their ids, DSPs and drivers with new stops; those it did not continue are CANCELLED; the packages
 * it left out of them are back AT_STATION.
 */
@EventType("PlanReplanned")
public record PlanReplanned(String planId, String keptPlanId, String stationId, LocalDate date,
        List<String> continuedRouteIds, List<String> cancelledRouteIds, List<String> packagesLeft)
        implements DispatchEvent {
}
