package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.events.PlanPublished;
import dev.doorstep.dispatch.outbox.Outbox;
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
    private final TransactionalOperator transaction;

    PlanPublication(PlanReader reader, Outbox outbox, DatabaseClient db, FlexHandOff flex,
            ReactiveTransactionManager transactions) {
        this.reader = reader;
        this.outbox = outbox;
        this.db = db;
        this.flex = flex;
        this.transaction = TransactionalOperator.create(transactions);
    }

    Mono<PlanView> publish(String planId, PublishRequest request) {
        return reader.plan(planId)
                .flatMap(plan -> {
                    if (plan.status() != PlanStatus.READY) {
                        return Mono.error(new Conflict("PLAN_NOT_READY", "Plan " + planId + " is " + plan.status()
                                + "; only a READY plan can be published"));
                    }
                    int asked = request.dsps().stream().mapToInt(DspShare::routes).sum();
                    if (asked > plan.routes().size()) {
                        return Mono.error(InvalidInput.of("dsps", "ask for " + asked + " routes but the plan has "
                                + plan.routes().size()));
                    }
                    List<PlannedRoute> flexRoutes = request.flexBlocks() == null ? List.of()
                            : flex.chosen(plan.routes().subList(asked, plan.routes().size()), request.flexBlocks());
                    return publishChecked(plan, request, flexRoutes);
                })
                .then(reader.plan(planId));
    }

    private Mono<Void> publishChecked(PlanView plan, PublishRequest request, List<PlannedRoute> flexRoutes) {
        List<String> routeIds = new ArrayList<>();
        List<String> dspIds = new ArrayList<>();
        int next = 0;
        for (DspShare share : request.dsps()) {
            for (int i = 0; i < share.routes(); i++) {
                routeIds.add(plan.routes().get(next++).id());
                dspIds.add(share.dspId());
            }
        }
        int packages = plan.routes().stream().mapToInt(r -> r.load().packages()).sum();
        return db.sql("UPDATE plans SET status = 'PUBLISHED', version = version + 1 WHERE id = :id AND status = 'READY'")
                .bind("id", plan.id()).fetch().rowsUpdated()
                .flatMap(updated -> updated == 0
                        ? Mono.error(new Conflict("PLAN_NOT_READY", "Plan " + plan.id() + " was published meanwhile"))
                        : Mono.just(updated))
                .then(checkedDsps(request))
                .then(db.sql("UPDATE routes r SET dsp_id = t.dsp, version = r.version + 1 "
                                + "FROM unnest(:ids::text[], :dsps::text[]) AS t(id, dsp) WHERE r.id = t.id")
                        .bind("ids", routeIds.toArray(String[]::new)).bind("dsps", dspIds.toArray(String[]::new))
                        .then())
                .then(db.sql("WITH planned AS (UPDATE packages p SET status = 'PLANNED', stop_id = sp.stop_id, "
                                + "version = p.version + 1, updated_at = now() FROM stop_packages sp "
                                + "JOIN stops s ON s.id = sp.stop_id JOIN routes r ON r.id = s.route_id "
                                + "WHERE r.plan_id = :plan AND p.tracking_id = sp.tracking_id "
                                + "AND p.status IN ('MANIFESTED', 'AT_STATION') RETURNING p.tracking_id) "
                                + "INSERT INTO package_events (tracking_id, status, detail) "
                                + "SELECT tracking_id, 'PLANNED', :detail FROM planned")
                        .bind("plan", plan.id()).bind("detail", "On a route of plan " + plan.id())
                        .fetch().rowsUpdated())
                .flatMap(planned -> planned < packages
                        ? Mono.error(new Conflict("PLAN_STALE", (packages - planned) + " of the plan's packages have "
                                + "changed status since it was made (another plan was published?); re-run the plan"))
                        : Mono.just(planned))
                .then(flexRoutes.isEmpty() ? Mono.just(List.<String>of())
                        : flex.create(plan.stationId(), flexRoutes, request.flexBlocks().pay()))
                .flatMap(blockIds -> outbox.append(plan.id(), new PlanPublished(plan.id(), plan.stationId(),
                        plan.date(), request.dsps(), plan.routes().size(), blockIds)))
                .as(transaction::transactional);
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
