package dev.doorstep.api.ops;

import dev.doorstep.dispatch.packages.PackageNotes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Station ops' note to the driver on one package, shown with it on the driver's itinerary. */
@RestController
class PackageNotesHandler {

    private final PackageNotes notes;

    PackageNotesHandler(PackageNotes notes) {
        this.notes = notes;
    }

    record NoteBody(@NotNull String note) {
    }

    @PutMapping("/v1/packages/{trackingId}/note")
    Mono<PackageNotes.PackageNote> set(@PathVariable String trackingId, @Valid @RequestBody NoteBody body) {
        return notes.set(trackingId, body.note());
    }
}
