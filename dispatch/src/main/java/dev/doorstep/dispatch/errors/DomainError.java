package dev.doorstep.dispatch.errors;

/** A failure the caller can act on; the api module maps each kind to one problem type. */
public abstract sealed class DomainError extends RuntimeException
        permits NotFound, Conflict, Rejected, InvalidInput, Forbidden, Unsupported {

    protected DomainError(String message) {
        // No stack trace: these are answers to the caller, not bugs.
        super(message, null, false, false);
    }
}
