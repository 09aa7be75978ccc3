package dev.doorstep.dispatch.sql;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** The one way dispatch binds a parameter that may be NULL: R2DBC needs the column type to bind a NULL. */
public final class Binds {

    private Binds() {
    }

    /** Binds {@code value}, or a typed NULL when it is null. */
    public static GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
