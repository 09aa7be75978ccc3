package dev.doorstep.api.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads which tables a module's code names in its SQL: the tables the Flyway migrations create, and, in Java
 * sources, the string literals and text blocks (literals joined by {@code +} read as one) with the table names
 * that follow FROM, JOIN, INTO, UPDATE and DELETE FROM. A crude reader of SQL, on purpose: it needs no database and
 * sees every statement the code can send.
 */
final class SqlTableScan {

    enum Access { READ, WRITE }

    /** One class naming one table, for reading or for writing. */
    record TableUse(String className, String table, Access access) {}

    private static final Pattern CREATE_TABLE =
            Pattern.compile("(?i)\\bCREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)");
    private static final Pattern WRITE = Pattern.compile(
            "(?i)\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|TRUNCATE(?:\\s+TABLE)?)\\s+(?:ONLY\\s+)?(\\w+)");
    private static final String KEYWORDS = "where|join|inner|left|right|full|cross|on|group|order|limit|offset|for"
            + "|union|returning|set|values|using|lateral|natural|having|window|except|intersect";
    /** A table with its optional alias, the alias never a keyword. */
    private static final String TABLE = "(\\w+)(?:\\s+(?:AS\\s+)?(?!(?i:" + KEYWORDS + ")\\b)\\w+)?";
    private static final Pattern READ = Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+(?:ONLY\\s+)?" + TABLE
            + "((?:\\s*,\\s*" + TABLE.replace("(\\w+)", "\\w+") + ")*)");
    private static final Pattern FIRST_WORD = Pattern.compile("(\\w+)");

    private SqlTableScan() {
    }

    /** The tables created by the migrations under {@code migrations}, each with the module given. */
    static Map<String, String> createdTables(String module, Path migrations) {
        Map<String, String> tables = new TreeMap<>();
        for (Path sql : files(migrations, ".sql")) {
            Matcher m = CREATE_TABLE.matcher(read(sql));
            while (m.find()) {
                tables.put(m.group(1).toLowerCase(), module);
            }
        }
        return tables;
    }

    /**
     * Every use of a known table by the Java classes under {@code sources} ({@code src/main/java/dev/doorstep}),
     * each named by its top-level class below {@code dev.doorstep} ({@code dispatch.routes.RouteChanges}).
     */
    static List<TableUse> uses(Path sources, Set<String> tables) {
        List<TableUse> uses = new ArrayList<>();
        for (Path java : files(sources, ".java")) {
            String className = sources.relativize(java).toString().replace('/', '.').replaceAll("\\.java$", "");
            for (String sql : stringsOf(read(java))) {
                tablesNamed(sql, tables).forEach((table, access) -> uses.add(new TableUse(className, table, access)));
            }
        }
        return uses;
    }

    /** The known tables a piece of SQL names, each with its strongest access: one read and written is written. */
    static Map<String, Access> tablesNamed(String sql, Set<String> tables) {
        String text = sql.replaceAll("--[^\\n]*", " ");
        Map<String, Access> named = new LinkedHashMap<>();
        Matcher read = READ.matcher(text);
        while (read.find()) {
            List<String> names = new ArrayList<>(List.of(read.group(1)));
            for (String item : read.group(2).split(",")) {
                Matcher word = FIRST_WORD.matcher(item);
                if (word.find()) {
                    names.add(word.group(1));
                }
            }
            for (String name : names) {
                String table = name.toLowerCase();
                if (tables.contains(table)) {
                    named.putIfAbsent(table, Access.READ);
                }
            }
        }
        Matcher write = WRITE.matcher(text);
        while (write.find()) {
            String table = write.group(1).toLowerCase();
            if (tables.contains(table)) {
                named.put(table, Access.WRITE);
            }
        }
        return named;
    }

    /**
     * The uses that break ownership, as "class → table": a write by any class outside the table's owning feature
     * package, and a read by a class of another module. Owners are "module.feature" ({@code dispatch.packages});
     * class names start with the module ({@code dispatch.routes.RouteChanges}).
     */
    static Set<String> violations(List<TableUse> uses, Map<String, String> owners) {
        Set<String> violations = new TreeSet<>();
        for (TableUse use : uses) {
            String owner = owners.get(use.table());
            boolean inOwner = use.className().startsWith(owner + ".");
            boolean inOwnerModule = use.className().startsWith(owner.substring(0, owner.indexOf('.') + 1));
            if (!inOwnerModule || (use.access() == Access.WRITE && !inOwner)) {
                violations.add(use.className() + " → " + use.table());
            }
        }
        return violations;
    }

    /**
     * The string literals and text blocks of a Java source, comments and character literals skipped; literals
     * joined only by {@code +} (and white space) come back as one string.
     */
    static List<String> stringsOf(String java) {
        List<String> strings = new ArrayList<>();
        StringBuilder current = null;
        boolean joined = false;
        int i = 0;
        while (i < java.length()) {
            char c = java.charAt(i);
            if (java.startsWith("//", i)) {
                i = endOf(java, "\n", i + 2);
            } else if (java.startsWith("/*", i)) {
                i = endOf(java, "*/", i + 2);
            } else if (c == '\'') {
                i = closingQuote(java, '\'', i + 1);
            } else if (java.startsWith("\"\"\"", i)) {
                int end = java.indexOf("\"\"\"", i + 3);
                end = end < 0 ? java.length() : end;
                current = append(strings, current, joined, java.substring(i + 3, end));
                joined = false;
                i = end + 3;
            } else if (c == '"') {
                int end = closingQuote(java, '"', i + 1);
                current = append(strings, current, joined, java.substring(i + 1, Math.max(i + 1, end - 1)));
                joined = false;
                i = end;
            } else if (c == '+' && current != null) {
                joined = true;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                current = null;
                joined = false;
                i++;
            }
        }
        return strings;
    }

    private static StringBuilder append(List<String> strings, StringBuilder current, boolean joined, String literal) {
        if (current != null && joined) {
            current.append(literal);
            strings.set(strings.size() - 1, current.toString());
            return current;
        }
        strings.add(literal);
        return new StringBuilder(literal);
    }

    private static int endOf(String text, String end, int from) {
        int at = text.indexOf(end, from);
        return at < 0 ? text.length() : at + end.length();
    }

    /** The index after the closing quote, escapes skipped. */
    private static int closingQuote(String text, char quote, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != quote) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, text.length());
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
