package dev.doorstep.dispatch.routes;

import dev.doorstep.dispatch.events.RouteUnassigned;
import dev.doorstep.dispatch.jobs.PeriodicJob;
import dev.doorstep.dispatch.outbox.Outbox;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
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


    private final DatabaseClient db;
    private final Outbox outbox;
    private final RoutesSettings settings;
    private final TransactionalOperator transaction;

    UnassignedRoutes(DatabaseClient db, Outbox outbox, RoutesSettings settings, ReactiveTransactionManager transactions) {
        this.db = db;
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
        return db.sql("""
                        UPDATE routes SET unassigned_reported_at = :now WHERE status = 'PLANNED' AND dsp_id IS NOT NULL
                        AND unassigned_reported_at IS NULL AND planned_start <= :limit
                        RETURNING id, dsp_id, station_id, service_date, planned_start""")
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("limit", now.plus(settings.unassignedLead()).atOffset(ZoneOffset.UTC))
                .map(row -> new RouteUnassigned(row.get("id", String.class), row.get("dsp_id", String.class),
                        row.get("station_id", String.class), row.get("service_date", LocalDate.class),
                        row.get("planned_start", OffsetDateTime.class)))
                .all()
                // Drain the update's rows before the next statement on the same connection.
                .collectList()
                .flatMap(events -> outbox.appendAll(events, RouteUnassigned::routeId))
                .as(transaction::transactional);
    }
}
