package dev.doorstep.dispatch.returns;

import dev.doorstep.dispatch.delivery.AttemptReason;
import dev.doorstep.dispatch.delivery.Deliveries;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.events.PackageReturnToSender;
import dev.doorstep.dispatch.events.PackageReturned;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.dispatch.packages.HeldPackage;
import dev.doorstep.dispatch.packages.PackageKind;
import dev.doorstep.dispatch.packages.PackageLedger;
import dev.doorstep.dispatch.packages.PackageStatus;
import dev.doorstep.dispatch.packages.PackageTransition;
import dev.doorstep.dispatch.packages.Packages;
import dev.doorstep.dispatch.stations.Stations;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Station ops scan what drivers bring back. Each package is RETURNED_TO_STATION, then due again on a later day's plan
 * (AT_STATION, its window moved by whole days) while it has had fewer than the maximum attempts, or RETURN_TO_SENDER
 * after the last one or at once when refused or the address is wrong. A customer return that was picked up is simply
 * RETURNED_TO_STATION, for good. One transaction per package, with its events.
 */
@Component
public class Returns {

    /** Largest scan accepted in one call. */
    public static final int MAX_SCAN = 1_000;
    private final Packages packages;
    private final PackageLedger ledger;
    private final Deliveries deliveries;
    private final Stations stations;
    private final Outbox outbox;
    private final ReturnsSettings settings;
    private final TransactionalOperator transaction;

    Returns(Packages packages, PackageLedger ledger, Deliveries deliveries, Stations stations, Outbox outbox,
            ReturnsSettings settings, ReactiveTransactionManager transactions) {
        this.packages = packages;
        this.ledger = ledger;
        this.deliveries = deliveries;
        this.stations = stations;
        this.outbox = outbox;
        this.settings = settings;
        this.transaction = TransactionalOperator.create(transactions);
    }

    public Mono<ReturnReport> scan(String stationId, List<String> trackingIds) {
        if (trackingIds == null || trackingIds.isEmpty() || trackingIds.size() > MAX_SCAN) {
            return Mono.error(InvalidInput.of("trackingIds", "must list 1 to " + MAX_SCAN + " tracking ids"));
        }
        for (int i = 0; i < trackingIds.size(); i++) {
            if (trackingIds.get(i) == null || trackingIds.get(i).isBlank()) {
                return Mono.error(InvalidInput.of("trackingIds[" + i + "]", "must not be blank"));
            }
        }
        return stations.get(stationId)
                .thenMany(Flux.fromIterable(trackingIds).distinct()
                        .concatMap(id -> returned(stationId, id).as(transaction::transactional)))
                .collectList()
                .map(ReturnReport::of);
    }

    private Mono<ReturnResult> returned(String stationId, String trackingId) {
        return packages.lockForScan(trackingId, stationId)
                .flatMap(p -> p.kind() == PackageKind.PICKUP ? pickupReturned(stationId, p)
                        : deliveryReturned(stationId, p))
                .defaultIfEmpty(new ReturnResult(trackingId, ReturnOutcome.NOT_FOUND, null, null));
    }

    private Mono<ReturnResult> pickupReturned(String stationId, HeldPackage p) {
        if (!PackageTransition.PICKUP_RETURN.startsFrom(p.status())) {
            return Mono.just(notReturnable(p));
        }
        String trackingId = p.trackingId();
        return ledger.returned(trackingId, PackageTransition.PICKUP_RETURN,
                        "Customer return received at station " + stationId, null, null)
                .then(outbox.append(trackingId, new PackageReturned(trackingId, stationId, p.attempts(),
                        ReturnOutcome.PICKUP_RECEIVED)))
                .thenReturn(new ReturnResult(trackingId, ReturnOutcome.PICKUP_RECEIVED,
                        PackageStatus.RETURNED_TO_STATION, p.attempts()));
    }

    private Mono<ReturnResult> deliveryReturned(String stationId, HeldPackage p) {
        if (!PackageTransition.DELIVERY_RETURN.startsFrom(p.status())) {
            return Mono.just(notReturnable(p));
        }
        return deliveries.lastReason(p.trackingId())
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(reason -> decided(stationId, p, reason.orElse(null)));
    }

    private Mono<ReturnResult> decided(String stationId, HeldPackage p, AttemptReason lastReason) {
        String trackingId = p.trackingId();
        ReturnDecision decision = ReturnDecision.of(p.attempts(), settings.maxAttempts(), lastReason);
        return ledger.returned(trackingId, PackageTransition.DELIVERY_RETURN, "Returned to station " + stationId,
                        decision.then(), decision.detail())
                .then(outbox.append(trackingId, new PackageReturned(trackingId, stationId, p.attempts(),
                        decision.outcome())))
                .then(decision.toSender() ? outbox.append(trackingId,
                        new PackageReturnToSender(trackingId, stationId, p.attempts(), decision.why())) : Mono.empty())
                .thenReturn(new ReturnResult(trackingId, decision.outcome(), decision.then().to(), p.attempts()));
    }

    private static ReturnResult notReturnable(HeldPackage p) {
        return new ReturnResult(p.trackingId(), ReturnOutcome.NOT_RETURNABLE, p.status(), p.attempts());
    }
}
