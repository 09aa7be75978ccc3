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
import org.junit.jupiter.api.Test;

/**
 * The README's tour is {@code scripts/tour}, which the build runs against the packaged jar: every bash block of
 * the README marked {@code <!-- tour:NAME -->} must be that section of the script word for word, and the README
 * must show every section in the script's order, so that pasting its blocks in order runs the whole tour.
 */
class ReadmeTourUnitTests {

    private static final Path ROOT = Path.of("..");
    private static final Pattern SCRIPT_SECTION = Pattern.compile("(?s)# tour:begin (\\w+)\\n(.*?)# tour:end\\n");
    private static final Pattern README_BLOCK = Pattern.compile("(?s)<!-- tour:(\\w+) -->\\n```bash\\n(.*?)```\\n");

    @Test
    void everyTourBlockOfTheReadmeIsItsSectionOfTheScriptInTheScriptsOrder() throws IOException {
        Map<String, String> script = sections(SCRIPT_SECTION, read("scripts/tour"));
        Map<String, String> readme = sections(README_BLOCK, read("README.md"));

        assertThat(script).as("scripts/tour has sections").isNotEmpty();
        assertThat(List.copyOf(readme.keySet())).as("the README's tour blocks, in order")
                .isEqualTo(List.copyOf(script.keySet()));
        readme.forEach((name, block) -> assertThat(block).as("README block tour:" + name).isEqualTo(script.get(name)));
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
