package dev.doorstep.dispatch.returns;

import dev.doorstep.dispatch.events.PackageMissing;
import dev.doorstep.dispatch.jobs.PeriodicJob;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.dispatch.packages.PackageLedger;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A package still with its driver (out for delivery, attempted and not scanned back, or a customer return picked up
 * and not scanned in) once the station has closed on its route's day is MISSING, and reported once through the
 * outbox. A pickup not collected (failed or not visited) is not: the item stayed with the customer. Every node may run the check: the conditional
 * update lets only one of them report a package. A missing package scanned later is returned as usual.
 */
@Component
public class MissingPackages implements PeriodicJob {

    private final PackageLedger ledger;
    private final Outbox outbox;
    private final ReturnsSettings settings;
    private final TransactionalOperator transaction;

    MissingPackages(PackageLedger ledger, Outbox outbox, ReturnsSettings settings,
            ReactiveTransactionManager transactions) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.settings = settings;
        this.transaction = TransactionalOperator.create(transactions);
    }

    @Override
    public Schedule schedule() {
        return Schedule.every(settings.missingCheckEvery(), "missing packages", this::reportMissing);
    }

    /** Marks and reports the packages missing at {@code now}; returns how many. */
    public Mono<Long> reportMissing(Instant now) {
        return ledger.markMissing(settings.stationClosesAt(), now)
                .map(missing -> missing.stream().map(p -> new PackageMissing(p.trackingId(), p.stationId(),
                        p.routeId(), p.driverId(), p.serviceDate())).toList())
                .flatMap(events -> outbox.appendAll(events, PackageMissing::trackingId))
                .as(transaction::transactional);
    }
}
