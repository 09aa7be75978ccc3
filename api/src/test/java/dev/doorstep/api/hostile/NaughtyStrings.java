package dev.doorstep.api.hostile;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded corpus in the spirit of the Big List of Naughty Strings: control characters, encodings, injections,
 * odd Unicode, lengths. Each field gets the NUL cases and a few of the rest, rotating, so that the whole corpus is
 * used across a walk without multiplying its length by every field.
 */
final class NaughtyStrings {

    /** Always sent to every string field: what PostgreSQL's text cannot store. */
    static final List<String> ALWAYS = List.of("\u0000", "driver\u0000name");

    /** Sent to date and date-time fields: past PostgreSQL's range, or Java's. */
    static final List<String> DATES = List.of("+294277-01-01T00:00:00Z", "-4714-11-24T00:00:00Z", "+999999999-12-31",
            "-999999999-01-01", "0000-00-00", "2026-02-30", "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z");

    static final List<String> ROTATING = List.of(
            "", " ", "null", "undefined", "NaN", "Infinity", "-0", "0x7fffffff", "1e400", "true", "[]", "{}",
            "'; DROP TABLE stations; --", "\" OR 1=1 --", "' OR ''='", "%00", "%s%s%s%n", "{{7*7}}", "${jndi:ldap://x/a}",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
            "../../../../etc/passwd", "..\\..\\windows\\win.ini", "\r\nSet-Cookie: x=1", "\t\u000b\u000c\u0085",
            "\uFEFF", "\u200B\u200C\u200D", "\u202Egnp.exe", "😀👍🏽🏳️‍🌈", "\uD800", "\uDFFF\uD800", "Ω≈ç√∫˜µ≤≥÷",
            "𝕿𝖍𝖊 𝖖𝖚𝖎𝖈𝖐", "ｔｅｓｔ", "٠١٢٣٤٥٦٧٨٩", "ﷺ", "Z̮̞̠͙͔ͅḀ̗̞͈̻̗Ḷ͙͎̯̹̞͓G̻O̭̗̮", "\\", "\\u0000", "\u0001\u0002\u001f\u007f",
            "x".repeat(10_000), "€".repeat(3_000));

    private int next;

    /** The strings for one field: the NUL cases, the date cases for a date field, and {@code count} of the rest. */
    List<String> forField(boolean date, int count) {
        List<String> out = new ArrayList<>(ALWAYS);
        if (date) {
            out.addAll(DATES);
        }
        for (int i = 0; i < count; i++) {
            out.add(ROTATING.get(next++ % ROTATING.size()));
        }
        return out;
    }
}
