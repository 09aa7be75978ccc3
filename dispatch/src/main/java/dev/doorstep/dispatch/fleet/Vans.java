package dev.doorstep.dispatch.fleet;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.Constraints;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.paging.Page;
import dev.doorstep.dispatch.paging.PageRequest;
import dev.doorstep.dispatch.sql.Binds;
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
                .then(db.sql("""
                                INSERT INTO vans (id, dsp_id, plate, capacity_packages, volume_liters, weight_kg)
                                VALUES (:id, :dsp, :plate, :capacity, :volume, :weight)""")
                        .bind("id", id)
                        .bind("dsp", dspId)
                        .bind("plate", plate)
                        .bind("capacity", draft.capacityPackages())
                        .bind("volume", draft.volumeLiters())
                        .bind("weight", draft.weightKg())
                        .then())
                .onErrorMap(DataIntegrityViolationException.class, e -> duplicatePlate(e, plate))
                .then(Mono.defer(() -> get(id)));
    }

    /** A DSP's vans by id, inactive ones included. */
    public Mono<Page<Van>> list(String dspId, PageRequest page) {
        return list(dspId, null, page);
    }

    /** A DSP's vans by id, inactive ones included unless {@code active} narrows them. */
    public Mono<Page<Van>> list(String dspId, Boolean active, PageRequest page) {
        return dsps.get(dspId)
                .then(db.sql("SELECT " + COLUMNS + """
                                 FROM vans WHERE dsp_id = :dsp AND id > :after
                                AND (active = :active OR :anyState) ORDER BY id LIMIT :limit""")
                        .bind("dsp", dspId)
                        .bind("after", page.after())
                        .bind("active", active != null && active)
                        .bind("anyState", active == null)
                        .bind("limit", page.limit() + 1)
                        .map(Vans::van)
                        .all()
                        .collectList())
                .map(rows -> Page.of(rows, page, Van::id));
    }

    /** Changes the given fields of one of {@code dspId}'s vans; another DSP's van is not found. */
    public Mono<Van> change(String dspId, String vanId, VanChange change) {
        String plate = change.plate() == null ? null : change.plate().strip().toUpperCase();
        return db.sql("""
                        UPDATE vans SET plate = COALESCE(:plate, plate),
                        capacity_packages = COALESCE(:capacity, capacity_packages),
                        volume_liters = COALESCE(:volume, volume_liters), weight_kg = COALESCE(:weight, weight_kg),
                        active = COALESCE(:active, active) WHERE id = :id AND dsp_id = :dsp RETURNING
                        """ + COLUMNS)
                .bind("plate", Binds.nullable(plate, String.class))
                .bind("capacity", Binds.nullable(change.capacityPackages(), Integer.class))
                .bind("volume", Binds.nullable(change.volumeLiters(), Double.class))
                .bind("weight", Binds.nullable(change.weightKg(), Double.class))
                .bind("active", Binds.nullable(change.active(), Boolean.class))
                .bind("id", vanId)
                .bind("dsp", dspId)
                .map(Vans::van)
                .one()
                .onErrorMap(DataIntegrityViolationException.class, e -> duplicatePlate(e, plate))
                .switchIfEmpty(Mono.error(() -> new NotFound("van", vanId)));
    }

    private static Throwable duplicatePlate(DataIntegrityViolationException e, String plate) {
        return Constraints.violated(e, "vans_plate_unique_per_dsp")
                ? new Conflict("DUPLICATE_PLATE", "This DSP already has a van with plate " + plate)
                : e;
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
