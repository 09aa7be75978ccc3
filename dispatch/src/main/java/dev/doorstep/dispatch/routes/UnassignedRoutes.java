package dev.doorstep.dispatch.routes;

import dev.doorstep.dispatch.events.RouteUnassigned;
import dev.doorstep.dispatch.jobs.PeriodicJob;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.dispatch.routes.ledger.RouteLedger;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Reports each DSP route still without a driver once its start is within the lead time (an hour by default).
 * Every node may run the check: the conditional update lets only one of them report a route.
 */
@Component
public class UnassignedRoutes implements PeriodicJob {

    private final RouteLedger routes;
    private final Outbox outbox;
    private final RoutesSettings settings;
    private final TransactionalOperator transaction;

    UnassignedRoutes(RouteLedger routes, Outbox outbox, RoutesSettings settings,
            ReactiveTransactionManager transactions) {
        this.routes = routes;
        this.outbox = outbox;
        this.settings = settings;
        this.transaction = TransactionalOperator.create(transactions);
    }

    @Override
    public Schedule schedule() {
        return Schedule.every(settings.unassignedCheckEvery(), "unassigned routes", this::reportDue);
    }

    /** Reports the routes due at {@code now} not reported yet; returns how many. */
    public Mono<Long> reportDue(Instant now) {
        return routes.reportUnassigned(now, now.plus(settings.unassignedLead()))
                .map(reported -> reported.stream().map(r -> new RouteUnassigned(r.routeId(), r.dspId(), r.stationId(),
                        r.date(), r.plannedStart())).toList())
                .flatMap(events -> outbox.appendAll(events, RouteUnassigned::routeId))
                .as(transaction::transactional);
    }
}
