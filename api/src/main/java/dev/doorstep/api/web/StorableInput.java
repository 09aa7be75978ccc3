package dev.doorstep.api.web;

import dev.doorstep.api.problems.UnstorableValue;
import dev.doorstep.dispatch.time.StorableTimes;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.ext.javatime.deser.LocalDateDeserializer;
import tools.jackson.databind.ext.javatime.deser.LocalDateTimeDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * One rule for every JSON body (and JSON part): a string holding NUL (U+0000, which PostgreSQL's text cannot hold)
 * and a date or instant outside {@link StorableTimes} are refused while reading, so the 400 problem names the
 * field, whichever field of whichever request it is.
 */
@Configuration(proxyBeanMethods = false)
class StorableInput {

    static final String NUL_REASON = "must not contain the NUL character (U+0000)";

    @Bean
    JacksonModule storableInputModule() {
        SimpleModule module = new SimpleModule("doorstep-storable-input");
        module.addDeserializer(String.class, new NulFreeString());
        module.addKeyDeserializer(String.class, new NulFreeKey());
        bounded(module, Instant.class, InstantDeserializer.INSTANT);
        bounded(module, OffsetDateTime.class, InstantDeserializer.OFFSET_DATE_TIME);
        bounded(module, ZonedDateTime.class, InstantDeserializer.ZONED_DATE_TIME);
        bounded(module, LocalDate.class, LocalDateDeserializer.INSTANCE);
        bounded(module, LocalDateTime.class, LocalDateTimeDeserializer.INSTANCE);
        return module;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void bounded(SimpleModule module, Class type, ValueDeserializer<?> standard) {
        module.addDeserializer(type, (ValueDeserializer) new BoundedTime(standard, type));
    }

    static boolean storable(Object time) {
        if (time instanceof Instant i) {
            return StorableTimes.accepts(i);
        } else if (time instanceof OffsetDateTime o) {
            return StorableTimes.accepts(o.toInstant());
        } else if (time instanceof ZonedDateTime z) {
            return StorableTimes.accepts(z.toInstant());
        } else if (time instanceof LocalDate d) {
            return StorableTimes.accepts(d);
        } else if (time instanceof LocalDateTime t) {
            return StorableTimes.accepts(t.toInstant(ZoneOffset.UTC));
        }
        return true;
    }

    private static final class NulFreeString extends StdScalarDeserializer<String> {

        NulFreeString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && value.indexOf('\0') >= 0) {
                throw new UnstorableValue(p, value, String.class, NUL_REASON);
            }
            return value;
        }
    }

    private static final class NulFreeKey extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws JacksonException {
            if (key != null && key.indexOf('\0') >= 0) {
                throw new UnstorableValue(ctxt.getParser(), key, String.class, NUL_REASON);
            }
            return key;
        }
    }

    /** The standard java.time reader, then the accepted years; a date past Java's own range says the same. */
    private static final class BoundedTime extends DelegatingDeserializer {

        private final Class<?> type;

        BoundedTime(ValueDeserializer<?> standard, Class<?> type) {
            super(standard);
            this.type = type;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegatee) {
            return new BoundedTime(delegatee, type);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (type == Instant.class && p.currentToken() == JsonToken.VALUE_STRING) {
                Instant quick = UtcInstantText.parse(p.getString());
                if (quick != null) {
                    if (!storable(quick)) {
                        throw new UnstorableValue(p, quick, type, StorableTimes.REASON);
                    }
                    return quick;
                }
            }
            Object time;
            try {
                time = super.deserialize(p, ctxt);
            } catch (DateTimeException | ArithmeticException e) {
                throw new UnstorableValue(p, p.getString(), type, StorableTimes.REASON);
            }
            if (time != null && !storable(time)) {
                throw new UnstorableValue(p, time, type, StorableTimes.REASON);
            }
            return time;
        }
    }
}
