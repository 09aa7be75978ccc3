/** How dispatch talks SQL: the one way to bind a value that may be NULL, and unnest columns from named rows. */
package dev.doorstep.dispatch.sql;
