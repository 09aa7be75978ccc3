package dev.doorstep.dispatch.sql;

import org.springframework.r2dbc.core.Parameter;

/**
 * The one way dispatch binds a value that may be NULL: {@code .bind("name", Binds.nullable(value, Type.class))}.
 * R2DBC needs the column type to bind a NULL, and the statement text stays the same either way.
 */
public final class Binds {

    private Binds() {
    }

    /** {@code value}, or a NULL of {@code type} when it is null. */
    public static <T> Parameter nullable(T value, Class<? extends T> type) {
        return Parameter.fromOrEmpty(value, type);
    }
}
