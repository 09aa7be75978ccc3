package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.blocks.BlockDraft;
import dev.doorstep.dispatch.blocks.Blocks;
import dev.doorstep.dispatch.blocks.Pay;
import dev.doorstep.dispatch.blocks.ServiceType;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.errors.Rejected;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns routes a publication leaves after the DSPs' shares into Flex blocks, one route per block, shortest
 * routes first: each block starts at its route's planned start and lasts the route's planned duration rounded
 * up to half hours (at least the 60 minutes a block lasts; a route over 480 minutes cannot be a block).
 */
@Component
class FlexHandOff {

    static final int MIN_MINUTES = 60;
    static final int MAX_MINUTES = 480;

    private final Blocks blocks;
    private final Clock clock;

    FlexHandOff(Blocks blocks, Clock clock) {
        this.blocks = blocks;
        this.clock = clock;
    }

    /** The routes that will become blocks, checked before anything is written. */
    List<PlannedRoute> chosen(List<PlannedRoute> left, FlexShare share) {
        if (share.count() > left.size()) {
            throw InvalidInput.of("flexBlocks", "ask for " + share.count() + " Flex blocks but only " + left.size()
                    + " routes are left after the DSPs' shares");
        }
        List<PlannedRoute> chosen = new ArrayList<>(left);
        chosen.sort(Comparator.comparingDouble(PlannedRoute::durationSeconds));
        chosen = chosen.subList(0, share.count());
        for (PlannedRoute route : chosen) {
            if (blockMinutes(route.durationSeconds()) > MAX_MINUTES) {
                throw new Rejected("ROUTE_TOO_LONG_FOR_FLEX", "Route " + route.id() + " takes "
                        + Math.round(route.durationSeconds() / 60) + " minutes; a Flex block lasts at most "
                        + MAX_MINUTES);
            }
            if (!route.plannedStart().toInstant().isAfter(clock.instant())) {
                throw InvalidInput.of("flexBlocks", "route " + route.id() + " starts at " + route.plannedStart()
                        + ", not in the future, so it cannot be offered as a block");
            }
        }
        return List.copyOf(chosen);
    }

    /** Creates the blocks (in the caller's transaction); returns their ids in the order of the routes. */
    Mono<List<String>> create(String stationId, List<PlannedRoute> routes, Pay pay) {
        return Flux.fromIterable(routes)
                .concatMap(route -> blocks.create(stationId, new BlockDraft(route.plannedStart(),
                        blockMinutes(route.durationSeconds()), pay, ServiceType.LOGISTICS, 1, route.id())))
                .map(created -> created.get(0).id())
                .collectList();
    }

    static int blockMinutes(double routeSeconds) {
        int minutes = (int) Math.ceil(routeSeconds / 1800.0 - 1e-9) * 30;
        return Math.max(MIN_MINUTES, minutes);
    }
}
