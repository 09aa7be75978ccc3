package dev.doorstep.tracking.ingest;

import dev.doorstep.dispatch.errors.FieldError;

/** One element of a batch: a readable ping, or the reason it could not be read (wrong types, not an object). */
public record PingEntry(PingDraft draft, FieldError unreadable) {

    public static PingEntry of(PingDraft draft) {
        return new PingEntry(draft, null);
    }

    public static PingEntry unreadable(FieldError why) {
        return new PingEntry(null, why);
    }
}
