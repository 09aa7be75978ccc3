package dev.doorstep.dispatch.errors;

/** The caller is known but this kind of caller may not do this at all (a DSP driver asking for Flex offers). */
public final class Forbidden extends DomainError {

    private final String reason;

    public Forbidden(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
