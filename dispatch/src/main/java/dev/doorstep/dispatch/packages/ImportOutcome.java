package dev.doorstep.dispatch.packages;

/** What a manifest import did with one package. */
public enum ImportOutcome {
    /** New package, stored. */
    CREATED,
    /** Imported before with the same content: nothing changed. */
    UNCHANGED,
    /** The tracking id exists with other content or at another station: nothing changed. */
    CONFLICT,
    /** Invalid: see the errors; nothing stored. */
    REJECTED
}
