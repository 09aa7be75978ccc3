package dev.doorstep.dispatch.errors;

/** Content of a type this operation does not take, judged from the bytes themselves (415). */
public final class Unsupported extends DomainError {

    public Unsupported(String detail) {
        super(detail);
    }
}
