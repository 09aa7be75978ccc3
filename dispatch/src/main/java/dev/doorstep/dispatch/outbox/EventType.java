package dev.doorstep.dispatch.outbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable name of an event record on the outbox and the stream (the {@code event_type} column). It is written
 * down rather than taken from the class so that renaming or moving a record never orphans the rows already stored.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    String value();
}
