package dev.doorstep.dispatch.errors;

/** The request clashes with the current state (a duplicate, a lost race, an illegal transition). */
public final class Conflict extends DomainError {

    private final String reason;

    public Conflict(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    /** A stable, machine-readable reason code such as {@code DUPLICATE_NAME}. */
    public String reason() {
        return reason;
    }
}
