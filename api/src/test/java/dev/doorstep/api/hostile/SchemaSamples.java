package dev.doorstep.api.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A plausible body for any schema of the contract (every property, the smallest allowed numbers, the first enum
 * value, dates of tomorrow), and the places in it where a hostile value goes: every value, every map key.
 */
final class SchemaSamples {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "__hostile_value__";
    private static final List<String> STRING_CANDIDATES = List.of("Hostile_1234", "en", "+12065550100", "08:00",
            "2026-W48", "Polygon");

    /** A place in a sample: the value at {@code path} (field names and indexes), or the key of a map there. */
    record Spot(List<Object> path, JsonNode schema, boolean mapKey) {

        String name() {
            StringBuilder name = new StringBuilder();
            for (Object step : path) {
                name.append(step instanceof Integer i ? "[" + i + "]" : (name.isEmpty() ? "" : ".") + step);
            }
            return (name.isEmpty() ? "$" : name.toString()) + (mapKey ? " (key)" : "");
        }

        boolean string() {
            return "string".equals(type(schema));
        }

        boolean date() {
            return schema.has("format") && schema.get("format").asText().startsWith("date");
        }
    }

    private final JsonNode spec;

    SchemaSamples(JsonNode spec) {
        this.spec = spec;
    }

    JsonNode resolve(JsonNode schema) {
        JsonNode node = schema;
        while (node != null && node.has("$ref")) {
            node = spec.at(node.get("$ref").asText().substring(1));
        }
        if (node != null && (node.has("oneOf") || node.has("anyOf"))) {
            for (JsonNode option : node.has("oneOf") ? node.get("oneOf") : node.get("anyOf")) {
                JsonNode resolved = resolve(option);
                if (!"null".equals(type(resolved))) {
                    return resolved;
                }
            }
        }
        if (node != null && node.has("allOf")) {
            ObjectNode merged = NODES.objectNode();
            ObjectNode properties = merged.putObject("properties");
            merged.put("type", "object");
            for (JsonNode part : node.get("allOf")) {
                JsonNode resolved = resolve(part);
                if (resolved.has("properties")) {
                    properties.setAll((ObjectNode) resolved.get("properties"));
                }
            }
            return merged;
        }
        return node == null ? NODES.objectNode() : node;
    }

    JsonNode sample(JsonNode schema) {
        return sample(resolve(schema), 0);
    }

    private JsonNode sample(JsonNode schema, int depth) {
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        if (schema.has("examples") && schema.get("examples").size() > 0) {
            return schema.get("examples").get(0);
        }
        String type = type(schema);
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth > 8) {
                    return object;
                }
                if (schema.has("properties")) {
                    schema.get("properties").properties().forEach(p -> object.set(p.getKey(),
                            sample(resolve(p.getValue()), depth + 1)));
                } else if (schema.has("additionalProperties") && schema.get("additionalProperties").isObject()) {
                    object.set("key_1", sample(resolve(schema.get("additionalProperties")), depth + 1));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int items = Math.max(1, schema.path("minItems").asInt(1));
                for (int i = 0; i < items && depth <= 8; i++) {
                    array.add(sample(resolve(schema.path("items")), depth + 1));
                }
                return array;
            }
            case "integer" -> {
                return NODES.numberNode((long) number(schema));
            }
            case "number" -> {
                return NODES.numberNode(number(schema));
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                return NODES.textNode(string(schema));
            }
        }
    }

    private static double number(JsonNode schema) {
        double max = schema.path("maximum").asDouble(Double.MAX_VALUE);
        if (schema.has("minimum")) {
            return schema.get("minimum").asDouble();
        }
        if (schema.has("exclusiveMinimum")) {
            double low = schema.get("exclusiveMinimum").asDouble();
            return low + 1 <= max ? low + 1 : (low + max) / 2;
        }
        return Math.min(1, max);
    }

    private static String string(JsonNode schema) {
        String format = schema.path("format").asText("");
        if (format.equals("date-time")) {
            return OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.HOURS).toString();
        }
        if (format.equals("date")) {
            return LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        }
        if (schema.has("pattern")) {
            for (String candidate : STRING_CANDIDATES) {
                if (java.util.regex.Pattern.compile(schema.get("pattern").asText()).matcher(candidate).find()) {
                    return candidate;
                }
            }
        }
        return STRING_CANDIDATES.get(0);
    }

    static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
            return "null";
        }
        return type.asText();
    }

    /** Every value of the sample (containers too) and every map key, with the schema that describes it. */
    List<Spot> spots(JsonNode sample, JsonNode schema) {
        List<Spot> out = new ArrayList<>();
        spots(sample, resolve(schema), new ArrayList<>(), out);
        return out;
    }

    private void spots(JsonNode value, JsonNode schema, List<Object> path, List<Spot> out) {
        if (!path.isEmpty()) {
            out.add(new Spot(List.copyOf(path), schema, false));
        }
        if (value.isObject()) {
            boolean map = !schema.has("properties") && schema.has("additionalProperties");
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                JsonNode child = map ? schema.get("additionalProperties") : schema.path("properties").path(field.getKey());
                path.add(field.getKey());
                if (map) {
                    out.add(new Spot(List.copyOf(path), NODES.objectNode().put("type", "string"), true));
                }
                spots(field.getValue(), resolve(child), path, out);
                path.remove(path.size() - 1);
            }
        } else if (value.isArray() && !value.isEmpty()) {
            path.add(0);
            spots(value.get(0), resolve(schema.path("items")), path, out);
            path.remove(path.size() - 1);
        }
    }

    /** The sample as JSON text with the value (or key) at the spot replaced by raw JSON text. */
    static String with(JsonNode sample, Spot spot, String rawJson) {
        JsonNode copy = sample.deepCopy();
        List<Object> path = spot.path();
        JsonNode parent = copy;
        for (Object step : path.subList(0, path.size() - 1)) {
            parent = step instanceof Integer i ? parent.get(i) : parent.get((String) step);
        }
        Object last = path.get(path.size() - 1);
        if (spot.mapKey()) {
            ObjectNode object = (ObjectNode) parent;
            JsonNode moved = object.remove((String) last);
            object.set(MARK, moved);
        } else if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, NODES.textNode(MARK));
        } else {
            ((ObjectNode) parent).set((String) last, NODES.textNode(MARK));
        }
        return text(copy).replace("\"" + MARK + "\"", rawJson);
    }

    static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
