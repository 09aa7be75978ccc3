package dev.doorstep.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tour is {@code scripts/tour}, which the build runs against the packaged jar; {@code docs/tour.md} (linked from
 * the README) shows it: every bash block marked {@code <!-- tour:NAME -->} must be that section of the script word
 * for word, and the page must show every section in the script's order, so that pasting its blocks in order runs
 * the whole tour. A tour block shown on any other page (the README, docs/) is held to its section too.
 */
class ReadmeTourUnitTests {

    private static final Path ROOT = Path.of("..");
    private static final Pattern SCRIPT_SECTION = Pattern.compile("(?s)# tour:begin (\\w+)\\n(.*?)# tour:end\\n");
    private static final Pattern DOC_BLOCK = Pattern.compile("(?s)<!-- tour:(\\w+) -->\\n```bash\\n(.*?)```\\n");

    @Test
    void everyTourBlockOfTheTourPageIsItsSectionOfTheScriptInTheScriptsOrder() throws IOException {
        Map<String, String> script = sections(SCRIPT_SECTION, read("scripts/tour"));
        Map<String, String> page = sections(DOC_BLOCK, read("docs/tour.md"));

        assertThat(script).as("scripts/tour has sections").isNotEmpty();
        assertThat(List.copyOf(page.keySet())).as("the tour blocks of docs/tour.md, in order")
                .isEqualTo(List.copyOf(script.keySet()));
        page.forEach((name, block) ->
                assertThat(block).as("docs/tour.md block tour:" + name).isEqualTo(script.get(name)));
    }

    @Test
    void aTourBlockOnAnyOtherPageIsItsSectionOfTheScript() throws IOException {
        Map<String, String> script = sections(SCRIPT_SECTION, read("scripts/tour"));
        List<Path> pages;
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            pages = Stream.concat(Stream.of(ROOT.resolve("README.md")), docs.filter(p -> p.toString().endsWith(".md")))
                    .toList();
        }
        for (Path page : pages) {
            sections(DOC_BLOCK, Files.readString(page, StandardCharsets.UTF_8)).forEach((name, block) ->
                    assertThat(block).as(page.getFileName() + " block tour:" + name).isEqualTo(script.get(name)));
        }
    }

    @Test
    void theTourStatesTheStatusOfEveryCallAndNamesNoFixedDay() throws IOException {
        String script = read("scripts/tour");
        for (String line : script.split("\n")) {
            if (line.matches("^[^#]*\\bcurl -s[^N].*") && !line.contains("call()")) {
                assertThat(line).as("a plain curl call whose status nobody checks").contains("out=$(curl");
            }
        }
        assertThat(script).doesNotContainPattern("20[0-9]{2}-[01][0-9]-[0-3][0-9]");
    }

    private static Map<String, String> sections(Pattern pattern, String text) {
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            assertThat(sections.put(m.group(1), m.group(2))).as("section " + m.group(1) + " appears once").isNull();
        }
        return sections;
    }

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path), StandardCharsets.UTF_8);
    }
}
