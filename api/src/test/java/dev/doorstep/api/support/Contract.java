package dev.doorstep.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The served contract ({@code openapi/openapi.yaml}) read as the tests' oracle: which operations exist,
 * which roles each allows, and whether a real response matches the documented status and schema.
 */
public final class Contract {

    private static final Contract INSTANCE = new Contract();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode spec;
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private Contract() {
        try (InputStream in = Contract.class.getResourceAsStream("/openapi/openapi.yaml")) {
            spec = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Contract get() {
        return INSTANCE;
    }

    public JsonNode spec() {
        return spec;
    }

    /** Every documented operation as "METHOD /path/{template}". */
    public Set<String> operations() {
        Set<String> out = new LinkedHashSet<>();
        spec.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (isMethod(op.getKey())) {
                out.add(op.getKey().toUpperCase() + " " + path.getKey());
            }
        }));
        return out;
    }

    public JsonNode operation(String method, String template) {
        return spec.get("paths").get(template).get(method.toLowerCase());
    }

    /** The path template documenting a concrete request path, if any. */
    public Optional<String> template(String method, String path) {
        Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").properties().iterator();
        String best = null;
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> entry = paths.next();
            if (!entry.getValue().has(method.toLowerCase())) {
                continue;
            }
            String regex = Pattern.quote(entry.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            if (path.matches(regex) && (best == null || literalLength(entry.getKey()) > literalLength(best))) {
                best = entry.getKey();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Checks a real response against the contract; returns what is wrong, or an empty string. Bodies that
     * are not JSON are only checked for a documented status and media type.
     */
    public String violations(String method, String path, int status, String contentType, byte[] body) {
        Optional<String> template = template(method, path);
        if (template.isEmpty()) {
            return method + " " + path + " is not in openapi.yaml";
        }
        JsonNode responses = operation(method, template.get()).get("responses");
        JsonNode response = responses.has(String.valueOf(status)) ? responses.get(String.valueOf(status))
                : responses.get("default");
        if (response == null) {
            return "status " + status + " is not documented for " + method + " " + template.get();
        }
        response = resolve(response);
        if (body.length == 0 || contentType == null) {
            return "";
        }
        String mediaType = contentType.split(";")[0].trim();
        JsonNode content = response.get("content");
        if (content == null || !content.has(mediaType)) {
            return "media type " + mediaType + " is not documented for " + status + " of " + method + " "
                    + template.get();
        }
        JsonNode schema = content.get(mediaType).get("schema");
        if (schema == null || !mediaType.contains("json")) {
            return "";
        }
        JsonNode document;
        try {
            document = JSON.readTree(body);
        } catch (IOException e) {
            return "body of " + method + " " + path + " is not JSON: " + e.getMessage();
        }
        Set<ValidationMessage> errors = schema(schema).validate(document);
        return errors.isEmpty() ? "" : method + " " + path + " -> " + status + " does not match its schema: "
                + errors + "\nbody: " + new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    private JsonSchema schema(JsonNode schema) {
        return compiled.computeIfAbsent(schema.toString(), key -> {
            // Wrap the schema with the spec's components so that "#/components/..." refs resolve.
            ObjectNode wrapper = JSON.createObjectNode();
            wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            wrapper.set("components", spec.get("components"));
            wrapper.putArray("allOf").add(schema);
            return schemas.getSchema(wrapper);
        });
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            node = spec.at(ref.substring(1));
        }
        return node;
    }

    private static int literalLength(String template) {
        return template.replaceAll("\\{[^}]+}", "").length();
    }

    private static boolean isMethod(String key) {
        return Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(key);
    }
}
