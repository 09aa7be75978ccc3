package dev.doorstep.dispatch.fleet;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.Constraints;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.paging.Page;
import dev.doorstep.dispatch.paging.PageRequest;
import io.r2dbc.spi.Readable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The Delivery Service Partners working out of our stations. */
@Component
public class Dsps {

    private final DatabaseClient db;

    Dsps(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Dsp> create(DspDraft draft) {
        String id = Ids.next("dsp");
        return db.sql("INSERT INTO dsps (id, name) VALUES (:id, :name)")
                .bind("id", id)
                .bind("name", draft.name().strip())
                .then()
                .onErrorMap(DataIntegrityViolationException.class, e -> Constraints.violated(e, "dsps_name_unique")
                        ? new Conflict("DUPLICATE_NAME", "A DSP named '" + draft.name().strip() + "' exists already")
                        : e)
                .then(get(id));
    }

    public Mono<Dsp> get(String id) {
        return db.sql("SELECT id, name FROM dsps WHERE id = :id")
                .bind("id", id)
                .map(Dsps::dsp)
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("dsp", id)));
    }

    public Mono<Page<Dsp>> list(PageRequest page) {
        return db.sql("SELECT id, name FROM dsps WHERE id > :after ORDER BY id LIMIT :limit")
                .bind("after", page.after())
                .bind("limit", page.limit() + 1)
                .map(Dsps::dsp)
                .all()
                .collectList()
                .map(rows -> Page.of(rows, page, Dsp::id));
    }

    private static Dsp dsp(Readable row) {
        return new Dsp(row.get("id", String.class), row.get("name", String.class));
    }
}
