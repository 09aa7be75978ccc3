package dev.doorstep.api.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;

/**
 * Times as tracking apps write them: epoch seconds or milliseconds (Traccar's rule: below 2^31 it is
 * seconds), ISO 8601 with an offset written {@code Z}, {@code +02:00} or {@code -0700}, or without one,
 * and {@code yyyy-MM-dd HH:mm:ss}. A time without an offset is UTC.
 */
final class DeviceTimes {

    private static final Pattern EPOCH = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern OFFSET_WITHOUT_COLON = Pattern.compile("([+-]\\d{2})(\\d{2})$");

    private DeviceTimes() {
    }

    /** The instant, or a {@link java.time.DateTimeException} / NumberFormatException when unreadable. */
    static Instant parse(String value) {
        String v = value.trim();
        if (EPOCH.matcher(v).matches()) {
            double number = Double.parseDouble(v);
            return Instant.ofEpochMilli(Math.round(number < Integer.MAX_VALUE ? number * 1000 : number));
        }
        // A form or query decodes the '+' of an offset to a space; a space between date and time is a 'T'.
        String iso = v.indexOf('T') > 0 ? v.replace(' ', '+') : v.replaceFirst(" ", "T");
        iso = OFFSET_WITHOUT_COLON.matcher(iso).replaceFirst("$1:$2");
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from,
                LocalDateTime::from);
        return parsed instanceof OffsetDateTime at ? at.toInstant()
                : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }
}
