package dev.doorstep.dispatch.paging;

/** Keyset paging: items after the cursor {@code after} (exclusive), at most {@code limit}. */
public record PageRequest(String after, int limit) {

    public static final int MAX_LIMIT = 500;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        after = after == null ? "" : after;
    }
}
