package dev.doorstep.dispatch.returns;

import dev.doorstep.dispatch.events.PackageMissing;
import dev.doorstep.dispatch.jobs.PeriodicJob;
import dev.doorstep.dispatch.outbox.Outbox;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
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

    private final DatabaseClient db;
    private final Outbox outbox;
    private final ReturnsSettings settings;
    private final TransactionalOperator transaction;

    MissingPackages(DatabaseClient db, Outbox outbox, ReturnsSettings settings,
            ReactiveTransactionManager transactions) {
        this.db = db;
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
        return db.sql("WITH missing AS (UPDATE packages p SET status = 'MISSING', version = p.version + 1, "
                        + "updated_at = now() FROM stops s JOIN routes r ON r.id = s.route_id "
                        + "JOIN stations st ON st.id = r.station_id WHERE p.stop_id = s.id "
                        + "AND ((p.kind = 'DELIVERY' AND p.status IN ('OUT_FOR_DELIVERY', 'ATTEMPTED')) "
                        + "OR (p.kind = 'PICKUP' AND p.status = 'PICKED_UP')) "
                        + "AND r.status IN ('IN_PROGRESS', 'FINISHED') "
                        + "AND ((r.service_date + CAST(:closes AS time)) AT TIME ZONE st.time_zone) <= :now "
                        + "RETURNING p.tracking_id, r.station_id, r.id AS route_id, r.driver_id, r.service_date), "
                        + "events AS (INSERT INTO package_events (tracking_id, status, detail) SELECT tracking_id, "
                        + "'MISSING', 'Not back at the station by closing time (route ' || route_id || ')' "
                        + "FROM missing) "
                        + "SELECT * FROM missing ORDER BY tracking_id")
                .bind("closes", settings.stationClosesAt())
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .map(row -> new PackageMissing(row.get("tracking_id", String.class),
                        row.get("station_id", String.class), row.get("route_id", String.class),
                        row.get("driver_id", String.class), row.get("service_date", LocalDate.class)))
                .all()
                // Read every row before the next statement: one connection runs one statement at a time.
                .collectList()
                .flatMap(events -> outbox.appendAll(events, PackageMissing::trackingId))
                .as(transaction::transactional);
    }
}
