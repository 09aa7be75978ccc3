package dev.doorstep.dispatch.outbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stable names of event records, both ways: the name an event is stored under, and the record a stored name
 * reads into, for the records a module's sealed event interface permits.
 */
public final class EventTypes {

    private final Map<String, Class<? extends Record>> byName = new LinkedHashMap<>();

    private EventTypes() {
    }

    /** The records permitted by each of the sealed {@code interfaces}, by their stable names. */
    public static EventTypes of(Class<?>... interfaces) {
        EventTypes types = new EventTypes();
        for (Class<?> sealed : interfaces) {
            if (!sealed.isSealed()) {
                throw new IllegalArgumentException(sealed.getName() + " is not a sealed event interface");
            }
            for (Class<?> type : sealed.getPermittedSubclasses()) {
                Class<? extends Record> event = type.asSubclass(Record.class);
                Class<?> taken = types.byName.putIfAbsent(nameOf(event), event);
                if (taken != null) {
                    throw new IllegalStateException(taken.getName() + " and " + type.getName() + " share the name "
                            + nameOf(event));
                }
            }
        }
        return types;
    }

    /** The record stored under {@code name}, or empty for a name none of the interfaces knows. */
    public Optional<Class<? extends Record>> type(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every known name, in the order the interfaces permit them. */
    public Iterable<String> names() {
        return byName.keySet();
    }

    /** The stable name of {@code event}'s type; fails for a record without {@link EventType}. */
    public static String nameOf(Record event) {
        return nameOf(event.getClass());
    }

    /** The stable name of {@code type}; fails for a class without {@link EventType}. */
    public static String nameOf(Class<?> type) {
        EventType name = type.getAnnotation(EventType.class);
        if (name == null) {
            throw new IllegalArgumentException(type.getName() + " has no @EventType: its outbox name must be stable");
        }
        return name.value();
    }
}
