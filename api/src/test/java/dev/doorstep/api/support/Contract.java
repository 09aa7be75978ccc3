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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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

    /**
     * Checks a request against the contract: its path and query parameters, its headers and its body (JSON and
     * form bodies against their schemas, any body against the documented media types). Returns what is wrong, or
     * an empty string. {@code header} answers a request header's values (an empty list when absent).
     */
    public String requestViolations(String method, String path, String rawQuery,
            java.util.function.Function<String, List<String>> header, byte[] body) {
        Optional<String> template = template(method, path);
        if (template.isEmpty()) {
            return method + " " + path + " is not in openapi.yaml";
        }
        JsonNode operation = operation(method, template.get());
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> query = parseForm(rawQuery);
        Map<String, String> pathValues = pathValues(template.get(), path);
        for (JsonNode parameter : parameters(template.get(), operation)) {
            String name = parameter.get("name").asText();
            String in = parameter.get("in").asText();
            List<String> values = switch (in) {
                case "path" -> pathValues.containsKey(name) ? List.of(pathValues.get(name)) : List.of();
                case "query" -> query.getOrDefault(name, List.of());
                case "header" -> header.apply(name);
                default -> List.of();
            };
            if (values.isEmpty()) {
                if (parameter.path("required").asBoolean(false)) {
                    problems.add("required " + in + " parameter " + name + " is missing");
                }
                continue;
            }
            JsonNode schema = parameter.has("schema") ? resolve(parameter.get("schema")) : null;
            boolean answeredAlone = in.equals("query")
                    && operation.path("x-doorstep-rejected-alone").asText().equals("query");
            if (schema != null && !answeredAlone) {
                Set<ValidationMessage> errors = schema(schema).validate(coerce(values, schema));
                if (!errors.isEmpty()) {
                    problems.add(in + " parameter " + name + "=" + values + ": " + errors);
                }
            }
        }
        problems.addAll(bodyViolations(operation, header.apply("Content-Type"), body));
        return problems.isEmpty() ? "" : method + " " + path + (rawQuery == null ? "" : "?" + rawQuery)
                + " does not match the contract: " + problems;
    }

    private List<String> bodyViolations(JsonNode operation, List<String> contentTypes, byte[] body) {
        JsonNode requestBody = operation.has("requestBody") ? resolve(operation.get("requestBody")) : null;
        if (body.length == 0) {
            return requestBody != null && requestBody.path("required").asBoolean(false)
                    ? List.of("the required body is missing") : List.of();
        }
        if (requestBody == null) {
            return List.of();
        }
        if (contentTypes.isEmpty()) {
            return List.of("a body without a Content-Type");
        }
        String mediaType = contentTypes.get(0).split(";")[0].trim().toLowerCase();
        JsonNode content = requestBody.path("content");
        if (!content.has(mediaType)) {
            return List.of("media type " + mediaType + " is not one of " + fieldNames(content));
        }
        JsonNode schema = content.get(mediaType).get("schema");
        if (schema == null) {
            return List.of();
        }
        JsonNode document;
        if (mediaType.contains("json")) {
            try {
                document = JSON.readTree(body);
            } catch (IOException e) {
                return List.of("the body is not JSON: " + e.getMessage());
            }
        } else if (mediaType.equals("application/x-www-form-urlencoded")) {
            ObjectNode form = JSON.createObjectNode();
            JsonNode properties = resolve(schema).path("properties");
            parseForm(new String(body, java.nio.charset.StandardCharsets.UTF_8)).forEach((name, values) ->
                    form.set(name, coerce(values, properties.has(name) ? resolve(properties.get(name))
                            : JSON.createObjectNode())));
            document = form;
        } else {
            return List.of();
        }
        // x-doorstep-rejected-alone: the batch property whose bad items are answered one by one (a 200 listing them).
        String alone = operation.has("x-doorstep-rejected-alone")
                ? "$." + operation.get("x-doorstep-rejected-alone").asText() + "[" : null;
        List<ValidationMessage> errors = schema(schema).validate(document).stream()
                .filter(e -> alone == null || !e.getInstanceLocation().toString().startsWith(alone)).toList();
        return errors.isEmpty() ? List.of() : List.of("body: " + errors);
    }

    /** Path-level parameters overridden by the operation's own, each resolved. */
    private List<JsonNode> parameters(String template, JsonNode operation) {
        Map<String, JsonNode> byKey = new java.util.LinkedHashMap<>();
        for (JsonNode list : List.of(spec.get("paths").get(template).path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : list) {
                JsonNode resolved = resolve(parameter);
                byKey.put(resolved.get("in").asText() + ":" + resolved.get("name").asText(), resolved);
            }
        }
        return new ArrayList<>(byKey.values());
    }

    /** The values of a (decoded) request path's placeholders, by name. */
    private static Map<String, String> pathValues(String template, String path) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher placeholders = Pattern.compile("\\{([^}]+)}").matcher(template);
        while (placeholders.find()) {
            names.add(placeholders.group(1));
        }
        String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E([^/]+)\\\\Q");
        java.util.regex.Matcher matcher = Pattern.compile(regex).matcher(path);
        Map<String, String> out = new java.util.HashMap<>();
        if (matcher.matches()) {
            for (int i = 0; i < names.size(); i++) {
                out.put(names.get(i), matcher.group(i + 1));
            }
        }
        return out;
    }

    private static Map<String, List<String>> parseForm(String raw) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                    java.nio.charset.StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1),
                    java.nio.charset.StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    /** A parameter's text as the JSON value its schema asks for (a number stays text when it is not one). */
    private JsonNode coerce(List<String> values, JsonNode schema) {
        Set<String> types = types(schema);
        if (types.contains("array")) {
            com.fasterxml.jackson.databind.node.ArrayNode array = JSON.createArrayNode();
            JsonNode items = schema.has("items") ? resolve(schema.get("items")) : JSON.createObjectNode();
            values.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).forEach(v -> array.add(coerce(List.of(v), items)));
            return array;
        }
        String value = values.get(0);
        try {
            if (types.contains("integer") && value.matches("-?[0-9]+")) {
                return JSON.getNodeFactory().numberNode(new java.math.BigInteger(value));
            }
            if ((types.contains("number") || types.contains("integer")) && !value.isBlank()) {
                return JSON.getNodeFactory().numberNode(new java.math.BigDecimal(value));
            }
        } catch (NumberFormatException e) {
            return JSON.getNodeFactory().textNode(value);
        }
        if (types.contains("boolean") && (value.equals("true") || value.equals("false"))) {
            return JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(value));
        }
        return JSON.getNodeFactory().textNode(value);
    }

    private static Set<String> types(JsonNode schema) {
        Set<String> out = new java.util.HashSet<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            out.add(type.asText());
        }
        type.forEach(t -> out.add(t.asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /**
     * Checks one server-sent event against the records that the stream's schema lists ({@code event}, and
     * {@code data} by its contentSchema). Returns what is wrong, or an empty string.
     */
    public String eventViolations(String method, String path, String event, String data) {
        Optional<String> template = template(method, path);
        if (template.isEmpty()) {
            return method + " " + path + " is not in openapi.yaml";
        }
        JsonNode stream = operation(method, template.get()).at("/responses/200/content/text~1event-stream/schema");
        JsonNode record = resolve(resolve(stream).path("items"));
        if (record.isMissingNode() || !record.has("properties")) {
            return "no event records documented for " + method + " " + template.get();
        }
        List<String> problems = new ArrayList<>();
        Set<ValidationMessage> eventErrors = schema(record.at("/properties/event"))
                .validate(JSON.getNodeFactory().textNode(event == null ? "message" : event));
        if (!eventErrors.isEmpty()) {
            problems.add("event " + event + ": " + eventErrors);
        }
        JsonNode contentSchema = record.at("/properties/data/contentSchema");
        if (!contentSchema.isMissingNode()) {
            try {
                Set<ValidationMessage> dataErrors = schema(contentSchema).validate(JSON.readTree(data));
                if (!dataErrors.isEmpty()) {
                    problems.add("data: " + dataErrors + "\ndata: " + data);
                }
            } catch (IOException e) {
                problems.add("data is not JSON: " + data);
            }
        }
        return problems.isEmpty() ? "" : method + " " + path + " sent an event off its contract: " + problems;
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
