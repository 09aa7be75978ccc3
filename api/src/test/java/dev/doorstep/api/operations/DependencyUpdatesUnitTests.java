package dev.doorstep.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** .github/dependabot.yml keeps the Maven build's dependencies up to date, and its groups name real dependencies. */
class DependencyUpdatesUnitTests {

    private static final Path ROOT = Path.of("..");

    @Test
    void dependabotUpdatesTheMavenBuildInGroupsThatEachMatchADependency() throws IOException {
        Map<String, Object> config = new Yaml().load(Files.readString(ROOT.resolve(".github/dependabot.yml")));
        List<Map<String, Object>> updates = list(config.get("updates"));
        Map<String, Object> maven = updates.stream().filter(u -> "maven".equals(u.get("package-ecosystem")))
                .findFirst().orElseThrow();
        assertThat(maven.get("directory")).isEqualTo("/");
        Map<String, Map<String, Object>> groups = map(maven.get("groups"));
        assertThat(groups).containsKeys("spring-boot", "google", "test-tools");
        String poms = allPoms();
        groups.forEach((name, group) -> list(group.get("patterns")).forEach(pattern -> assertThat(
                matchesADependency(String.valueOf(pattern), poms)).as(name + ": " + pattern).isTrue()));
    }

    /** Whether a Dependabot pattern (group:artifact, * as a wildcard) names a groupId and artifactId in some pom. */
    private static boolean matchesADependency(String pattern, String poms) {
        String[] parts = pattern.split(":");
        Pattern group = Pattern.compile("<groupId>" + wildcard(parts[0]) + "</groupId>\\s*<artifactId>"
                + wildcard(parts[1]) + "</artifactId>");
        return group.matcher(poms).find();
    }

    private static String wildcard(String glob) {
        return Stream.of(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining("[^<]*"));
    }

    private static String allPoms() throws IOException {
        StringBuilder text = new StringBuilder(Files.readString(ROOT.resolve("pom.xml")));
        for (String module : List.of("openapi", "dispatch", "tracking", "notifications", "clients", "simulator", "api", "bench")) {
            Path pom = ROOT.resolve(module).resolve("pom.xml");
            if (Files.exists(pom)) {
                text.append(Files.readString(pom));
            }
        }
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        return (List<T>) value;
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object value) {
        return (Map<String, V>) value;
    }
}
