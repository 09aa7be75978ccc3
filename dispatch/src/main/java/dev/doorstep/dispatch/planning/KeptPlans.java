package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.packages.PackageKind;
import dev.doorstep.dispatch.planning.Replan.KeptPackage;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The published plan a re-plan keeps: checked when the re-plan is asked for, and its routes not yet started. */
@Component
class KeptPlans {

    private final DatabaseClient db;

    private record Head(String stationId, LocalDate date, String status) {
    }

    KeptPlans(DatabaseClient db) {
        this.db = db;
    }

    /** A {@code keepRoutesOf} naming no plan, another station's or day's, or one not published is a 400 on it. */
    Mono<Void> checked(String stationId, PlanRequest request) {
        String planId = request.keepRoutesOf();
        if (planId == null) {
            return Mono.empty();
        }
        return db.sql("SELECT station_id, service_date, status FROM plans WHERE id = :id").bind("id", planId)
                .map(row -> new Head(row.get("station_id", String.class), row.get("service_date", LocalDate.class),
                        row.get("status", String.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> InvalidInput.of("keepRoutesOf", "no plan " + planId)))
                .flatMap(plan -> {
                    if (!stationId.equals(plan.stationId())) {
                        return Mono.error(InvalidInput.of("keepRoutesOf", "plan " + planId + " is another station's"));
                    }
                    if (!request.date().equals(plan.date())) {
                        return Mono.error(InvalidInput.of("keepRoutesOf", "plan " + planId + " plans " + plan.date()
                                + ", not " + request.date()));
                    }
                    if (!PlanStatus.PUBLISHED.name().equals(plan.status())) {
                        return Mono.error(InvalidInput.of("keepRoutesOf", "plan " + planId + " is " + plan.status()
                                + "; only a published plan's routes can be kept"));
                    }
                    return Mono.empty();
                });
    }

    /**
     * The packages still PLANNED on the pending stops of the plan's routes not yet started (PLANNED or ASSIGNED)
     * and not carried by a Flex block (offered with its start and length), by route in plan order, then by stop.
     */
    Mono<List<KeptPackage>> packages(String planId) {
        return db.sql("""
                        SELECT r.id AS route_id, r.vehicle_type, s.seq, p.tracking_id, p.kind, p.address, p.lat, p.lon,
                            p.window_from, p.window_to, p.weight_kg,
                            p.length_cm * p.width_cm * p.height_cm / 1000.0 AS liters
                        FROM routes r JOIN stops s ON s.route_id = r.id JOIN packages p ON p.stop_id = s.id
                        WHERE r.plan_id = :plan AND r.status IN ('PLANNED', 'ASSIGNED') AND r.block_id IS NULL
                            AND s.status = 'PENDING'
                            AND p.status = 'PLANNED'
                        ORDER BY r.plan_seq, r.id, s.seq, p.tracking_id""")
                .bind("plan", planId)
                .map(row -> new KeptPackage(row.get("route_id", String.class), row.get("vehicle_type", String.class),
                        row.get("seq", Integer.class), new DuePackage(row.get("tracking_id", String.class),
                        row.get("address", String.class), row.get("lat", Double.class), row.get("lon", Double.class),
                        row.get("window_from", OffsetDateTime.class).toInstant(),
                        row.get("window_to", OffsetDateTime.class).toInstant(), row.get("weight_kg", Double.class),
                        row.get("liters", Double.class),
                        PackageKind.valueOf(row.get("kind", String.class)) == PackageKind.PICKUP)))
                .all()
                .collectList();
    }
}
