package dev.doorstep.dispatch.fleet;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.Constraints;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.paging.Page;
import dev.doorstep.dispatch.paging.PageRequest;
import io.r2dbc.spi.Readable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The vans of each DSP. */
@Component
public class Vans {

    private static final String COLUMNS = "id, dsp_id, plate, capacity_packages, volume_liters, weight_kg, active";

    private final DatabaseClient db;
    private final Dsps dsps;

    Vans(DatabaseClient db, Dsps dsps) {
        this.db = db;
        this.dsps = dsps;
    }

    public Mono<Van> create(String dspId, VanDraft draft) {
        String id = Ids.next("van");
        String plate = draft.plate().strip().toUpperCase();
        return dsps.get(dspId)
                .then(db.sql("INSERT INTO vans (id, dsp_id, plate, capacity_packages, volume_liters, weight_kg) "
                                + "VALUES (:id, :dsp, :plate, :capacity, :volume, :weight)")
                        .bind("id", id)
                        .bind("dsp", dspId)
                        .bind("plate", plate)
                        .bind("capacity", draft.capacityPackages())
                        .bind("volume", draft.volumeLiters())
                        .bind("weight", draft.weightKg())
                        .then())
                .onErrorMap(DataIntegrityViolationException.class,
                        e -> Constraints.violated(e, "vans_plate_unique_per_dsp")
                                ? new Conflict("DUPLICATE_PLATE", "This DSP already has a van with plate " + plate)
                                : e)
                .then(Mono.defer(() -> get(id)));
    }

    public Mono<Page<Van>> list(String dspId, PageRequest page) {
        return dsps.get(dspId)
                .then(db.sql("SELECT " + COLUMNS + " FROM vans WHERE dsp_id = :dsp AND id > :after "
                                + "ORDER BY id LIMIT :limit")
                        .bind("dsp", dspId)
                        .bind("after", page.after())
                        .bind("limit", page.limit() + 1)
                        .map(Vans::van)
                        .all()
                        .collectList())
                .map(rows -> Page.of(rows, page, Van::id));
    }

    private Mono<Van> get(String id) {
        return db.sql("SELECT " + COLUMNS + " FROM vans WHERE id = :id").bind("id", id).map(Vans::van).one();
    }

    private static Van van(Readable row) {
        return new Van(
                row.get("id", String.class),
                row.get("dsp_id", String.class),
                row.get("plate", String.class),
                row.get("capacity_packages", Integer.class),
                row.get("volume_liters", Double.class),
                row.get("weight_kg", Double.class),
                Boolean.TRUE.equals(row.get("active", Boolean.class)));
    }
}
