package dev.doorstep.dispatch.paging;

import java.util.List;

/** One page of a list ordered by id; {@code next} is the cursor for the following page, or null. */
public record Page<T>(List<T> items, String next) {

    /** Builds a page from up to {@code limit + 1} rows: the extra row only proves a next page exists. */
    public static <T> Page<T> of(List<T> rows, PageRequest request, java.util.function.Function<T, String> cursor) {
        if (rows.size() <= request.limit()) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, request.limit());
        return new Page<>(List.copyOf(items), cursor.apply(items.get(items.size() - 1)));
    }
}
