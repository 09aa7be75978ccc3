package dev.doorstep.dispatch.packages;

import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.errors.NotFound;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Station ops' note to the driver about one package, shown on the itinerary; blank removes it. */
@Component
public class PackageNotes {

    public static final int MAX_LENGTH = 500;

    private final DatabaseClient db;

    PackageNotes(DatabaseClient db) {
        this.db = db;
    }

    /** A package's note as kept: null when there is none. */
    public record PackageNote(String trackingId, String note) {
    }

    /** Sets (or with a blank note, clears) the note of a package; returns the note kept. */
    public Mono<PackageNote> set(String trackingId, String note) {
        String kept = note == null || note.isBlank() ? null : note.strip();
        if (kept != null && kept.length() > MAX_LENGTH) {
            return Mono.error(InvalidInput.of("note", "must be at most " + MAX_LENGTH + " characters"));
        }
        return db.sql("UPDATE packages SET ops_note = " + (kept == null ? "NULL" : ":note")
                        + ", version = version + 1, updated_at = now() WHERE tracking_id = :id")
                .bind("id", trackingId)
                .bindValues(kept == null ? Map.of() : Map.of("note", kept))
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == 0 ? Mono.error(new NotFound("package", trackingId))
                        : Mono.just(new PackageNote(trackingId, kept)));
    }
}
