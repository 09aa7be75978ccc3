package dev.doorstep.dispatch.fleet;

import dev.doorstep.dispatch.errors.Constraints;
import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.paging.Page;
import dev.doorstep.dispatch.paging.PageRequest;
import dev.doorstep.dispatch.sql.Binds;
import io.r2dbc.spi.Readable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Flex and DSP drivers. */
@Component
public class Drivers {

    private static final String COLUMNS = "id, name, kind, dsp_id, home_station_id, phone, locale, active";

    private final DatabaseClient db;

    Drivers(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Driver> create(DriverDraft draft) {
        checkKind(draft);
        String id = Ids.next("drv");
        return db.sql("""
                        INSERT INTO drivers (id, name, kind, dsp_id, home_station_id, phone, locale)
                        VALUES (:id, :name, :kind, :dsp, :station, :phone, :locale)""")
                .bind("id", id)
                .bind("name", draft.name().strip())
                .bind("kind", draft.kind().name())
                .bind("dsp", Binds.nullable(draft.dspId(), String.class))
                .bind("station", draft.homeStationId())
                .bind("phone", draft.phone())
                .bind("locale", draft.locale() == null ? "en" : draft.locale())
                .then()
                .onErrorMap(DataIntegrityViolationException.class, Drivers::unknownReference)
                .then(get(id));
    }

    public Mono<Driver> get(String id) {
        return db.sql("SELECT " + COLUMNS + " FROM drivers WHERE id = :id")
                .bind("id", id)
                .map(Drivers::driver)
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("driver", id)));
    }

    /** The drivers of {@code ids} that exist, in no particular order. */
    public Flux<Driver> all(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("SELECT " + COLUMNS + " FROM drivers WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(String[]::new))
                .map(Drivers::driver)
                .all();
    }

    /** The ids of the active Flex drivers based at {@code stationId}: those its block offers go to. */
    public Flux<String> activeFlexAt(String stationId) {
        return db.sql("SELECT id FROM drivers WHERE kind = 'FLEX' AND active AND home_station_id = :station")
                .bind("station", stationId)
                .map(row -> row.get("id", String.class))
                .all();
    }

    /** Lists drivers by id, inactive ones included; {@code dspId} narrows to one DSP's drivers when not null. */
    public Mono<Page<Driver>> list(String dspId, PageRequest page) {
        return list(dspId, null, page);
    }

    /**
     * Lists drivers by id, inactive ones included; {@code dspId} narrows to one DSP's drivers and
     * {@code active} to active or inactive ones when not null.
     */
    public Mono<Page<Driver>> list(String dspId, Boolean active, PageRequest page) {
        String where = (dspId == null ? "" : " AND dsp_id = :dsp") + (active == null ? "" : " AND active = :active");
        DatabaseClient.GenericExecuteSpec sql = db.sql("SELECT " + COLUMNS + " FROM drivers WHERE id > :after"
                        + where + " ORDER BY id LIMIT :limit")
                .bind("after", page.after())
                .bind("limit", page.limit() + 1);
        if (dspId != null) {
            sql = sql.bind("dsp", dspId);
        }
        if (active != null) {
            sql = sql.bind("active", active);
        }
        return sql.map(Drivers::driver).all().collectList().map(rows -> Page.of(rows, page, Driver::id));
    }

    /**
     * Changes the given fields of a driver; {@code dspId}, when not null, is the only DSP whose driver may be
     * changed (another's is not found).
     */
    public Mono<Driver> change(String id, String dspId, DriverChange change) {
        return db.sql("""
                        UPDATE drivers SET name = COALESCE(:name, name), phone = COALESCE(:phone, phone),
                        locale = COALESCE(:locale, locale), active = COALESCE(:active, active)
                        WHERE id = :id AND (dsp_id = :dsp OR :anyDsp) RETURNING
                        """ + COLUMNS)
                .bind("name", Binds.nullable(change.name() == null ? null : change.name().strip(), String.class))
                .bind("phone", Binds.nullable(change.phone(), String.class))
                .bind("locale", Binds.nullable(change.locale(), String.class))
                .bind("active", Binds.nullable(change.active(), Boolean.class))
                .bind("id", id)
                .bind("dsp", Binds.nullable(dspId, String.class))
                .bind("anyDsp", dspId == null)
                .map(Drivers::driver)
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("driver", id)));
    }

    private static void checkKind(DriverDraft draft) {
        if (draft.kind() == null) {
            throw InvalidInput.of("kind", "must not be null");
        }
        List<FieldError> errors = new ArrayList<>();
        boolean hasDsp = draft.dspId() != null && !draft.dspId().isBlank();
        if (draft.kind() == DriverKind.DSP && !hasDsp) {
            errors.add(new FieldError("dspId", "is required for a DSP driver"));
        }
        if (draft.kind() == DriverKind.FLEX && hasDsp) {
            errors.add(new FieldError("dspId", "must be absent for a FLEX driver"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    private static Throwable unknownReference(DataIntegrityViolationException e) {
        if (Constraints.violated(e, "drivers_home_station_id_fkey")) {
            return InvalidInput.of("homeStationId", "no station has this id");
        }
        if (Constraints.violated(e, "drivers_dsp_id_fkey")) {
            return InvalidInput.of("dspId", "no DSP has this id");
        }
        return e;
    }

    private static Driver driver(Readable row) {
        return new Driver(
                row.get("id", String.class),
                row.get("name", String.class),
                DriverKind.valueOf(row.get("kind", String.class)),
                row.get("dsp_id", String.class),
                row.get("home_station_id", String.class),
                row.get("phone", String.class),
                row.get("locale", String.class),
                Boolean.TRUE.equals(row.get("active", Boolean.class)));
    }
}
