package dev.doorstep.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract is linted strictly in the build: swagger-parser (the parser openapi-generator uses) reports
 * every unknown key, wrong type and dangling reference as a message, and any message fails the build.
 */
class ContractLintTest {

    static List<String> lint(String yaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
        List<String> messages = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
        try {
            messages.addAll(SchemaKeywords.strayKeys(new ObjectMapper(new YAMLFactory()).readTree(yaml)));
        } catch (IOException e) {
            messages.add("not YAML: " + e.getMessage());
        }
        return messages;
    }

    static String contract() throws IOException {
        return Files.readString(Path.of("openapi.yaml"));
    }

    @Test
    void theContractParsesWithoutASingleMessage() throws IOException {
        assertThat(lint(contract())).isEmpty();
    }

    @Test
    void publicOperationsAndOnlyThoseNeedNoToken() throws IOException {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(contract());
        assertThat(spec.at("/components/securitySchemes/oauth2/flows/clientCredentials/tokenUrl").asText())
                .isEqualTo("/oauth2/token");
        assertThat(spec.at("/components/securitySchemes/openIdConnect/openIdConnectUrl").asText())
                .isEqualTo("/.well-known/openid-configuration");
        List<String> wrong = new ArrayList<>();
        spec.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (!op.getValue().has("x-doorstep-roles")) {
                return;
            }
            boolean isPublic = op.getValue().get("x-doorstep-roles").asText().equals("public");
            JsonNode security = op.getValue().path("security");
            boolean noToken = security.isArray() && security.isEmpty();
            if (isPublic != noToken) {
                wrong.add(op.getKey() + " " + path.getKey());
            }
        }));
        assertThat(wrong).as("public per x-doorstep-roles but not security: [] or the reverse").isEmpty();
    }

    @Test
    void anUnquotedCommaInAFlowMapFailsTheLint() throws IOException {
        String broken = Files.readString(Path.of("src/test/resources/stray-key.yaml"));

        assertThat(lint(broken)).anySatisfy(message -> assertThat(message).contains("if it already was)"));
    }

    @Test
    void anUnquotedCommaInASchemaDescriptionFailsTheLint() throws IOException {
        String broken = contract().replaceFirst("(?m)^(\\s+)trackingId: \\{type: string\\}$",
                "$1trackingId: {type: string, description: The id, as printed on the label}");

        assertThat(lint(broken)).anySatisfy(message -> assertThat(message).contains("as printed on the label"));
    }

    @Test
    void aDanglingReferenceFailsTheLint() throws IOException {
        String broken = contract().replaceFirst("#/components/responses/NotFound'", "#/components/responses/Nowhere'");

        assertThat(lint(broken)).anySatisfy(message -> assertThat(message).contains("Nowhere"));
    }
}
