package dev.doorstep.dispatch.sql;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The columns of a list of named rows, one array each, for a single-statement bulk write through
 * {@code unnest(:a::text[], :b::float8[], ...)}: the rows stay records, the arrays are made only here.
 */
public final class Columns<R> {

    private final List<R> rows;

    private Columns(List<R> rows) {
        this.rows = rows;
    }

    public static <R> Columns<R> of(List<R> rows) {
        return new Columns<>(List.copyOf(rows));
    }

    /** One column: {@code value} of every row, in row order (nulls kept). */
    public <C> C[] column(Function<R, C> value, IntFunction<C[]> array) {
        C[] column = array.apply(rows.size());
        for (int i = 0; i < column.length; i++) {
            column[i] = value.apply(rows.get(i));
        }
        return column;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
