package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.events.PlanPublished;
import dev.doorstep.dispatch.events.PlanReplanned;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.dispatch.packages.PackageLedger;
import dev.doorstep.dispatch.packages.PackageLedger.PackageOnStop;
import dev.doorstep.dispatch.routes.ledger.RouteLedger;
import dev.doorstep.dispatch.routes.ledger.RouteLedger.Continued;
import dev.doorstep.dispatch.routes.ledger.RouteLedger.RouteToDsp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Hands a READY plan to DSPs in one transaction: the plan becomes PUBLISHED, routes get their DSP in plan order,
 * the packages become PLANNED on their stops (all of them, or none if another plan took one meanwhile), and
 * routes left may become Flex blocks.
 */
@Component
class PlanPublication {

    private final PlanReader reader;
    private final Outbox outbox;
    private final DatabaseClient db;
    private final FlexHandOff flex;
    private final PackageLedger ledger;
    private final RouteLedger routes;
    private final TransactionalOperator transaction;

    PlanPublication(PlanReader reader, Outbox outbox, DatabaseClient db, FlexHandOff flex,
            PackageLedger ledger, RouteLedger routes, ReactiveTransactionManager transactions) {
        this.routes = routes;
        this.reader = reader;
        this.outbox = outbox;
        this.db = db;
        this.flex = flex;
        this.ledger = ledger;
        this.transaction = TransactionalOperator.create(transactions);
    }

    Mono<PlanView> publish(String planId, PublishRequest request) {
        return reader.plan(planId)
                .flatMap(plan -> {
                    if (plan.status() != PlanStatus.READY) {
                        return Mono.error(new Conflict("PLAN_NOT_READY", "Plan " + planId + " is " + plan.status()
                                + "; only a READY plan can be published"));
                    }
                    if (plan.keepRoutesOf() == null && request.dsps().isEmpty()) {
                        return Mono.error(InvalidInput.of("dsps", "must not be empty"));
                    }
                    return continued(plan.id()).flatMap(continued -> {
                        List<PlannedRoute> fresh = plan.routes().stream()
                                .filter(route -> continued.stream().noneMatch(c -> c.draftId().equals(route.id())))
                                .toList();
                        int asked = request.dsps().stream().mapToInt(DspShare::routes).sum();
                        if (asked > fresh.size()) {
                            return Mono.error(InvalidInput.of("dsps", "ask for " + asked + " routes but the plan has "
                                    + fresh.size() + (plan.keepRoutesOf() == null ? "" : " new ones")));
                        }
                        List<PlannedRoute> flexRoutes = request.flexBlocks() == null ? List.of()
                                : flex.chosen(fresh.subList(asked, fresh.size()), request.flexBlocks());
                        return publishChecked(plan, request, fresh, continued, flexRoutes);
                    });
                })
                .then(reader.plan(planId));
    }

    private Mono<Void> publishChecked(PlanView plan, PublishRequest request, List<PlannedRoute> fresh,
            List<Continued> continued, List<PlannedRoute> flexRoutes) {
        int packages = plan.routes().stream().mapToInt(r -> r.load().packages()).sum();
        return db.sql("""
                        UPDATE plans SET status = 'PUBLISHED', version = version + 1
                        WHERE id = :id AND status = 'READY'""")
                .bind("id", plan.id()).fetch().rowsUpdated()
                .flatMap(updated -> updated == 0
                        ? Mono.error(new Conflict("PLAN_NOT_READY", "Plan " + plan.id() + " was published meanwhile"))
                        : Mono.just(updated))
                .then(checkedDsps(request))
                .then(routes.handOut(handedOut(fresh, request)))
                .then(packagesOnStops(plan.id()))
                .flatMap(onStops -> ledger.plan(onStops, "On a route of plan " + plan.id())
                        .flatMap(planned -> plan.keepRoutesOf() == null ? Mono.just(planned)
                                : ledger.replanned(onStops, plan.keepRoutesOf()).map(kept -> planned + kept)))
                .flatMap(planned -> planned < packages
                        ? Mono.error(new Conflict("PLAN_STALE", (packages - planned) + " of the plan's packages have "
                                + "changed status since it was made (another plan was published?); re-run the plan"))
                        : Mono.just(planned))
                .then(plan.keepRoutesOf() == null ? Mono.empty() : replaced(plan, continued))
                .then(flexRoutes.isEmpty() ? Mono.just(List.<String>of())
                        : flex.create(plan.stationId(), flexRoutes, request.flexBlocks().pay()))
                .flatMap(blockIds -> outbox.append(plan.id(), new PlanPublished(plan.id(), plan.stationId(),
                        plan.date(), request.dsps(), plan.routes().size(), blockIds)))
                .as(transaction::transactional);
    }

    /**
     * A re-plan's packages are on its stops: the packages it left out of the kept routes go back to the station, the
     * kept routes it continues take its routes' stops and times (keeping their ids, DSPs and drivers), the others
     * not yet started are cancelled.
     */
    private Mono<Void> replaced(PlanView plan, List<Continued> continued) {
        String kept = plan.keepRoutesOf();
        return ledger.leftByReplan(kept, "Left out by re-plan " + plan.id())
                .flatMap(left -> !plan.unplannedPackages().containsAll(left)
                        ? Mono.error(new Conflict("PLAN_STALE", "packages were added to the kept routes since this "
                                + "re-plan was made; re-run the plan"))
                        : Mono.just(left))
                .flatMap(left -> routes.takeOver(continued)
                        .flatMap(taken -> taken < continued.size()
                                ? Mono.error(new Conflict("PLAN_STALE", (continued.size() - taken) + " of the routes "
                                        + "this re-plan continues have started since it was made; re-run the plan"))
                                : routes.replaceStops(continued))
                        .then(vansCarry(continued))
                        .then(routes.cancelNotContinued(kept))
                        .flatMap(cancelled -> outbox.append(plan.id(), new PlanReplanned(plan.id(), kept,
                                plan.stationId(), plan.date(), continued.stream().map(Continued::publishedId).toList(),
                                cancelled, left))));
    }

    /** Every van already on a continued route still carries its new load, else 409 VAN_TOO_SMALL. */
    private Mono<Void> vansCarry(List<Continued> continued) {
        String[] ids = continued.stream().map(Continued::publishedId).toArray(String[]::new);
        return db.sql("""
                        SELECT r.id, v.plate FROM routes r JOIN vans v ON v.id = r.van_id
                        WHERE r.id = ANY(:ids::text[]) AND (v.capacity_packages < r.load_packages
                            OR v.volume_liters < r.load_volume_liters OR v.weight_kg < r.load_weight_kg)
                        ORDER BY r.id LIMIT 1""")
                .bind("ids", ids)
                .map(row -> new Conflict("VAN_TOO_SMALL", "Van " + row.get("plate", String.class) + " on route "
                        + row.get("id", String.class) + " cannot carry the route as re-planned; re-plan with the vans' "
                        + "sizes or assign a larger van first"))
                .one()
                .flatMap(Mono::<Void>error);
    }

    /** The re-plan's routes that continue a published route, with it. */
    private Mono<List<Continued>> continued(String planId) {
        return db.sql("""
                        SELECT id, continues_route_id FROM routes
                        WHERE plan_id = :plan AND continues_route_id IS NOT NULL ORDER BY plan_seq""")
                .bind("plan", planId)
                .map(row -> new Continued(row.get("id", String.class), row.get("continues_route_id", String.class)))
                .all()
                .collectList();
    }

    /** The plan's routes in order, as many to each DSP as it asked for. */
    private static List<RouteToDsp> handedOut(List<PlannedRoute> routes, PublishRequest request) {
        List<RouteToDsp> handedOut = new ArrayList<>();
        for (DspShare share : request.dsps()) {
            for (int i = 0; i < share.routes(); i++) {
                handedOut.add(new RouteToDsp(routes.get(handedOut.size()).id(), share.dspId()));
            }
        }
        return handedOut;
    }

    /** Every package of the plan with the stop the plan put it on. */
    private Mono<List<PackageOnStop>> packagesOnStops(String planId) {
        return db.sql("""
                        SELECT sp.tracking_id, sp.stop_id FROM stop_packages sp
                        JOIN stops s ON s.id = sp.stop_id
                        JOIN routes r ON r.id = s.route_id
                        WHERE r.plan_id = :plan""")
                .bind("plan", planId)
                .map(row -> new PackageOnStop(row.get("tracking_id", String.class), row.get("stop_id", String.class)))
                .all()
                .collectList();
    }

    private Mono<Void> checkedDsps(PublishRequest request) {
        String[] ids = request.dsps().stream().map(DspShare::dspId).distinct().toArray(String[]::new);
        return db.sql("SELECT id FROM dsps WHERE id = ANY(:ids::text[])").bind("ids", ids)
                .map(row -> row.get("id", String.class)).all().collectList()
                .flatMap(found -> {
                    for (String id : ids) {
                        if (!found.contains(id)) {
                            return Mono.error(new NotFound("dsp", id));
                        }
                    }
                    return Mono.empty();
                });
    }
}
