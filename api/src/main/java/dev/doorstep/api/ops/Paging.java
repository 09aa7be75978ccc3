package dev.doorstep.api.ops;

import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.paging.PageRequest;

/** Query parameters {@code after} and {@code limit} as a page request. */
public final class Paging {

    public static final String DEFAULT_LIMIT = "100";

    private Paging() {
    }

    public static PageRequest of(String after, int limit) {
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw InvalidInput.of("limit", "must be between 1 and " + PageRequest.MAX_LIMIT);
        }
        return new PageRequest(after, limit);
    }
}
