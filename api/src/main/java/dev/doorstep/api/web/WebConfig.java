package dev.doorstep.api.web;

import dev.doorstep.dispatch.time.StorableTimes;
import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.format.datetime.standard.InstantFormatter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Codec limits: a JSON body larger than this is refused with 413 before it fills memory. Dates and instants in
 * query parameters are held to {@link StorableTimes}, as those in JSON bodies are ({@link StorableInput}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebFluxConfigurer {

    /** Room for a 5,000-package manifest with long addresses. */
    static final int MAX_JSON_BODY_BYTES = 8 * 1024 * 1024;

    @Override
    public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
        configurer.defaultCodecs().maxInMemorySize(MAX_JSON_BODY_BYTES);
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        // Added last, so these come before the @DateTimeFormat ones; both read ISO-8601.
        registry.addConverter(String.class, LocalDate.class, text -> {
            if (text.isBlank()) {
                return null;
            }
            LocalDate date = LocalDate.parse(text.strip());
            if (!StorableTimes.accepts(date)) {
                throw new IllegalArgumentException(StorableTimes.REASON);
            }
            return date;
        });
        InstantFormatter instants = new InstantFormatter();
        registry.addConverter(String.class, Instant.class, text -> {
            if (text.isBlank()) {
                return null;
            }
            Instant instant;
            try {
                instant = instants.parse(text.strip(), Locale.ROOT);
            } catch (ParseException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            if (!StorableTimes.accepts(instant)) {
                throw new IllegalArgumentException(StorableTimes.REASON);
            }
            return instant;
        });
    }
}
