package dev.doorstep.dispatch.errors;

/** A well-formed request that a business rule refuses (422), with a stable reason code. */
public final class Rejected extends DomainError {

    private final String reason;

    public Rejected(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
