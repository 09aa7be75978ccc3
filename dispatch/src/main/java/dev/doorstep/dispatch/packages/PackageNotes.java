package dev.doorstep.dispatch.packages;

import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.errors.NotFound;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Station ops' note to the driver about one package, shown on the itinerary; blank removes it. */
@Component
public class PackageNotes {

    public static final int MAX_LENGTH = 500;

    private final PackageLedger ledger;

    PackageNotes(PackageLedger ledger) {
        this.ledger = ledger;
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
        return ledger.note(trackingId, kept)
                .flatMap(updated -> updated == 0 ? Mono.error(new NotFound("package", trackingId))
                        : Mono.just(new PackageNote(trackingId, kept)));
    }
}
