package dev.doorstep.notifications.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Push texts from {@code notifications/templates/messages_<language>.properties}, chosen by the recipient's
 * locale ({@code es-MX} reads Spanish, an unknown language English). Placeholders such as {@code {station}}
 * are filled from the arguments; a missing argument leaves an empty string, never the placeholder itself.
 * Every file and every locale's date data is loaded at start-up, so rendering never reads a file later.
 */
@Component
public class MessageTemplates {

    /** The languages that have a template file; the first is the fallback. */
    public static final List<String> LANGUAGES = List.of("en", "es");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final Map<String, Properties> byLanguage;
    private final Map<String, DateTimeFormatter> dateTimes;

    public MessageTemplates() {
        byLanguage = LANGUAGES.stream().collect(Collectors.toMap(l -> l, MessageTemplates::load));
        dateTimes = LANGUAGES.stream().collect(Collectors.toMap(l -> l,
                l -> DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.forLanguageTag(l))));
        // Loads each locale's calendar names now, on the starting thread.
        dateTimes.values().forEach(f -> f.format(Instant.EPOCH.atZone(ZoneId.of("UTC"))));
    }

    /** The title and body of {@code key} (such as {@code block.offered}) in the recipient's language. */
    public Text render(String key, String locale, Map<String, String> args) {
        Properties texts = byLanguage.get(language(locale));
        return new Text(fill(required(texts, key + ".title"), args), fill(required(texts, key + ".body"), args));
    }

    /** A phrase used inside a text, such as {@code place.PORCH} ("on the porch"), in the recipient's language. */
    public String phrase(String key, String locale) {
        return required(byLanguage.get(language(locale)), key);
    }

    /** A day and time at the station, such as "Thu 26 Nov, 14:30" or "jue 26 nov, 14:30". */
    public String stationDateTime(Instant at, String timeZone, String locale) {
        return dateTimes.get(language(locale)).format(at.atZone(zone(timeZone)));
    }

    /** A clock time at the station, such as "14:30". */
    public String stationTime(Instant at, String timeZone) {
        return DateTimeFormatter.ofPattern("HH:mm").format(at.atZone(zone(timeZone)));
    }

    /** The template language for a locale tag: its language part when a file exists for it, else English. */
    public static String language(String locale) {
        if (locale == null) {
            return LANGUAGES.get(0);
        }
        String language = locale.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return LANGUAGES.contains(language) ? language : LANGUAGES.get(0);
    }

    private static ZoneId zone(String timeZone) {
        return timeZone == null ? ZoneId.of("UTC") : ZoneId.of(timeZone);
    }

    private static String required(Properties texts, String key) {
        String text = texts.getProperty(key);
        if (text == null) {
            throw new IllegalArgumentException("No message template " + key);
        }
        return text;
    }

    private static String fill(String template, Map<String, String> args) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = args.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Properties load(String language) {
        String path = "notifications/templates/messages_" + language + ".properties";
        try (InputStream in = MessageTemplates.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + path);
            }
            Properties texts = new Properties();
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A rendered push: its title and body. */
    public record Text(String title, String body) {
    }
}
