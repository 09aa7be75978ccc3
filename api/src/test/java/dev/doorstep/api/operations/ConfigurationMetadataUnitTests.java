package dev.doorstep.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** spring-boot-configuration-processor describes the doorstep.* keys from their settings records' Javadoc. */
class ConfigurationMetadataUnitTests {

    @Test
    void everyModuleDescribesItsDoorstepKeysForIdes() throws IOException {
        Map<String, String> described = doorstepKeys();
        // A key of each module; keys whose record has no @param are listed without a description.
        assertThat(described).containsKeys("doorstep.dispatch.planning.threads", "doorstep.tracking.ingest.max-batch");
        assertThat(described.get("doorstep.dispatch.blocks.check-in-opens")).contains("check-in opens");
        assertThat(described.get("doorstep.tracking.links.secret")).contains("32 characters");
        assertThat(described.get("doorstep.notifications.relay.batch-size")).contains("per transaction");
        assertThat(described.get("doorstep.api.trusted-proxies")).isNotBlank();
    }

    /** Every doorstep.* key of the metadata files on the classpath (one per module), with its description. */
    private static Map<String, String> doorstepKeys() throws IOException {
        Map<String, String> keys = new HashMap<>();
        JsonMapper json = JsonMapper.builder().build();
        for (URL file : Collections.list(ConfigurationMetadataUnitTests.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = file.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    String name = property.path("name").asString();
                    if (name.startsWith("doorstep.")) {
                        keys.put(name, property.path("description").asString(""));
                    }
                }
            }
        }
        return keys;
    }
}
