package dev.doorstep.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Unknown keys inside Schema objects. OpenAPI 3.1 schemas are JSON Schema, which tolerates unknown keywords, so
 * swagger-parser accepts them silently; a stray key there is still a typo (an unquoted comma in a flow map, say).
 * This walk flags any key that is neither a JSON Schema 2020-12 / OpenAPI keyword nor an {@code x-} extension.
 */
final class SchemaKeywords {

    private static final Set<String> KNOWN = Set.of(
            "$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$defs", "$comment", "$vocabulary",
            "type", "enum", "const", "format", "title", "description", "default", "examples", "example", "deprecated",
            "readOnly", "writeOnly", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
            "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
            "maxProperties", "minProperties", "required", "dependentRequired", "properties", "patternProperties",
            "additionalProperties", "unevaluatedProperties", "propertyNames", "items", "prefixItems", "contains",
            "unevaluatedItems", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas",
            "contentEncoding", "contentMediaType", "contentSchema", "discriminator", "xml", "externalDocs");
    private static final Set<String> ONE_SCHEMA = Set.of("additionalProperties", "unevaluatedProperties",
            "propertyNames", "items", "contains", "unevaluatedItems", "not", "if", "then", "else", "contentSchema");
    private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs",
            "dependentSchemas");

    private SchemaKeywords() {
    }

    /** Every unknown key in every schema of the document, as "where: key". */
    static List<String> strayKeys(JsonNode document) {
        List<String> out = new ArrayList<>();
        findSchemas(document, "", out);
        return out;
    }

    private static void findSchemas(JsonNode node, String where, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String at = where + "/" + entry.getKey();
                if (entry.getKey().equals("schema")) {
                    checkSchema(entry.getValue(), at, out);
                } else if (at.equals("/components/schemas")) {
                    entry.getValue().properties().forEach(s -> checkSchema(s.getValue(), at + "/" + s.getKey(), out));
                } else {
                    findSchemas(entry.getValue(), at, out);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findSchemas(node.get(i), where + "/" + i, out);
            }
        }
    }

    private static void checkSchema(JsonNode schema, String where, List<String> out) {
        if (!schema.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : schema.properties()) {
            String key = entry.getKey();
            String at = where + "/" + key;
            if (!KNOWN.contains(key) && !key.startsWith("x-")) {
                out.add(where + ": unknown schema keyword '" + key + "'");
            } else if (ONE_SCHEMA.contains(key)) {
                checkSchema(entry.getValue(), at, out);
            } else if (SCHEMA_LISTS.contains(key) && entry.getValue().isArray()) {
                for (int i = 0; i < entry.getValue().size(); i++) {
                    checkSchema(entry.getValue().get(i), at + "/" + i, out);
                }
            } else if (SCHEMA_MAPS.contains(key)) {
                entry.getValue().properties().forEach(p -> checkSchema(p.getValue(), at + "/" + p.getKey(), out));
            }
        }
    }
}
