package dev.doorstep.dispatch.dispatchers;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.Constraints;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.fleet.Dsps;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.sql.Binds;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The dispatcher accounts of each DSP, and their sign-in by username and password. */
@Component
public class Dispatchers {

    private static final String COLUMNS = "id, dsp_id, username, name, active, created_at";

    private final DatabaseClient db;
    private final Dsps dsps;
    private final Passwords passwords;

    Dispatchers(DatabaseClient db, Dsps dsps, Passwords passwords) {
        this.db = db;
        this.dsps = dsps;
        this.passwords = passwords;
    }

    public Mono<Dispatcher> create(String dspId, DispatcherDraft draft) {
        String id = Ids.next("dsr");
        return dsps.get(dspId)
                .then(passwords.hash(draft.password()))
                .flatMap(hash -> db.sql("""
                                INSERT INTO dispatchers (id, dsp_id, username, name, password_hash)
                                VALUES (:id, :dsp, :username, :name, :hash)""")
                        .bind("id", id)
                        .bind("dsp", dspId)
                        .bind("username", draft.username())
                        .bind("name", draft.name().strip())
                        .bind("hash", hash)
                        .then())
                .onErrorMap(DataIntegrityViolationException.class,
                        e -> Constraints.violated(e, "dispatchers_username_unique")
                                ? new Conflict("USERNAME_TAKEN", "The username " + draft.username() + " is taken")
                                : e)
                .then(Mono.defer(() -> get(dspId, id)));
    }

    /** A DSP's accounts, inactive ones included, by username. */
    public Mono<List<Dispatcher>> list(String dspId) {
        return dsps.get(dspId)
                .then(db.sql("SELECT " + COLUMNS + " FROM dispatchers WHERE dsp_id = :dsp ORDER BY username")
                        .bind("dsp", dspId)
                        .map(Dispatchers::dispatcher)
                        .all()
                        .collectList());
    }

    /** Changes the given fields of one of {@code dspId}'s accounts; a new password is hashed like the first. */
    public Mono<Dispatcher> change(String dspId, String id, DispatcherChange change) {
        Mono<Optional<String>> hash = change.password() == null ? Mono.just(Optional.empty())
                : passwords.hash(change.password()).map(Optional::of);
        return hash.flatMap(h -> db.sql("""
                        UPDATE dispatchers SET name = COALESCE(:name, name),
                        password_hash = COALESCE(:hash, password_hash),
                        active = COALESCE(:active, active), updated_at = now()
                        WHERE id = :id AND dsp_id = :dsp RETURNING
                        """ + COLUMNS)
                        .bind("name", Binds.nullable(change.name() == null ? null : change.name().strip(),
                                String.class))
                        .bind("hash", Binds.nullable(h.orElse(null), String.class))
                        .bind("active", Binds.nullable(change.active(), Boolean.class))
                        .bind("id", id)
                        .bind("dsp", dspId)
                        .map(Dispatchers::dispatcher)
                        .one())
                .switchIfEmpty(Mono.error(() -> new NotFound("dispatcher", id)));
    }

    /**
     * The active account that {@code username} and {@code password} sign in to; empty for an unknown username,
     * a wrong password or an inactive account alike, each after one full password comparison.
     */
    public Mono<Dispatcher> signIn(String username, String password) {
        return db.sql("SELECT " + COLUMNS + ", password_hash FROM dispatchers WHERE username = :username")
                .bind("username", username)
                .map(row -> new Stored(dispatcher(row), row.get("password_hash", String.class)))
                .one()
                .defaultIfEmpty(Stored.NONE)
                .flatMap(stored -> passwords.matches(password, stored.hash())
                        .filter(matched -> matched && stored.account().active())
                        .map(matched -> stored.account()));
    }

    public Mono<Dispatcher> get(String dspId, String id) {
        return db.sql("SELECT " + COLUMNS + " FROM dispatchers WHERE id = :id AND dsp_id = :dsp")
                .bind("id", id)
                .bind("dsp", dspId)
                .map(Dispatchers::dispatcher)
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("dispatcher", id)));
    }

    private static Dispatcher dispatcher(Readable row) {
        return new Dispatcher(
                row.get("id", String.class),
                row.get("dsp_id", String.class),
                row.get("username", String.class),
                row.get("name", String.class),
                Boolean.TRUE.equals(row.get("active", Boolean.class)),
                row.get("created_at", Instant.class));
    }

    private record Stored(Dispatcher account, String hash) {
        static final Stored NONE = new Stored(new Dispatcher(null, null, null, null, false, null), null);
    }
}
