package dev.doorstep.api.problems;

/** A request over a size or count limit of its endpoint (413). */
public final class TooLarge extends RuntimeException {

    public TooLarge(String detail) {
        super(detail, null, false, false);
    }
}
