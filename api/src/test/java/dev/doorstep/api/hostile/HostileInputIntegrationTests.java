package dev.doorstep.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Contract;
import dev.doorstep.api.support.StartedRoute;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Walks the contract at run time, so that a new operation is covered without a change here: every JSON body (and
 * JSON part) gets malformed JSON, deep nesting, an oversize body, wrong types and huge numbers in every field, and a
 * bounded naughty-strings corpus in every string field and map key; every path and query parameter gets hostile
 * values. Each request is sent raw, with a token of a role the operation admits and real ids in the other places.
 * Nothing may answer 5xx or drop the connection, and the app must be ready afterwards.
 */
class HostileInputIntegrationTests extends ApiIntegrationTest {

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final String BOUNDARY = "hostile-boundary-7MA4YWxk";

    /** Real objects, created once, so that hostile values meet the code past the "not found" checks. */
    private static Map<String, String> ids;
    private static Map<String, String> tokens;

    private RawHttp raw;
    private final List<String> faults = new ArrayList<>();
    private int sent;

    @BeforeEach
    void world() {
        raw = new RawHttp(port);
        if (ids != null) {
            return;
        }
        StartedRoute route = startedRoute(2, 10);
        String trackingId = route.stops().get(0).trackingIds().get(0);
        Map<?, ?> link = http.post().uri("/v1/packages/{id}/tracking-links", trackingId)
                .headers(h -> h.setBearerAuth(route.ops())).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        Map<String, String> known = new HashMap<>();
        known.put("stations", route.station());
        known.put("dsps", route.dsp());
        known.put("drivers", route.driverId());
        known.put("routes", route.routeId());
        known.put("stops", route.stops().get(0).id());
        known.put("packages", trackingId);
        known.put("track", (String) link.get("token"));
        ids = known;
        Map<String, String> byRole = new HashMap<>();
        byRole.put("STATION_OPS", route.ops());
        byRole.put("DRIVER", route.driverToken());
        byRole.put("DISPATCHER", dispatcherToken(route.dsp()));
        byRole.put("SERVICE", token("svc-hostile", "SERVICE"));
        tokens = byRole;
    }

    @AfterEach
    void stillReady() {
        RawHttp.Answer ready = raw.send("GET", "/actuator/health/readiness", null);
        assertThat(ready.status()).as("readiness after %d hostile requests", sent).isEqualTo(200);
        assertThat(ready.body()).contains("UP");
    }

    @Test
    void noJsonBodyOfAnyShapeGetsAServerError() {
        SchemaSamples samples = new SchemaSamples(Contract.get().spec());
        int operations = 0;
        for (Operation op : operations()) {
            JsonNode schema = op.jsonSchema();
            if (schema == null) {
                continue;
            }
            operations++;
            JsonNode sample = samples.sample(schema);
            for (byte[] body : malformedBodies()) {
                send(op, body, "malformed " + preview(body));
            }
            NaughtyStrings naughty = new NaughtyStrings();
            for (SchemaSamples.Spot spot : samples.spots(sample, schema)) {
                List<String> values = new ArrayList<>();
                if (!spot.mapKey()) {
                    values.addAll(WRONG_TYPES);
                }
                if (spot.string()) {
                    naughty.forField(spot.date(), 4).forEach(s -> values.add(SchemaSamples.text(s)));
                }
                for (String value : values) {
                    send(op, SchemaSamples.with(sample, spot, value).getBytes(StandardCharsets.UTF_8),
                            spot.name() + " = " + preview(value.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        assertThat(operations).as("operations with a JSON body").isGreaterThan(15);
        assertThat(faults).as("server faults among %d hostile bodies", sent).isEmpty();
    }

    @Test
    void noPathOrQueryParameterOfAnyShapeGetsAServerError() {
        for (Operation op : operations()) {
            for (String name : op.pathParameters()) {
                for (String value : HOSTILE_PARAMETERS) {
                    sendParameters(op, Map.of(name, value), Map.of(), "path " + name + " = " + value);
                }
            }
            for (String name : op.queryParameters()) {
                for (String value : HOSTILE_PARAMETERS) {
                    sendParameters(op, Map.of(), Map.of(name, value), "query " + name + " = " + value);
                }
            }
        }
        assertThat(sent).isGreaterThan(200);
        assertThat(faults).as("server faults among %d hostile parameters", sent).isEmpty();
    }

    @Test
    void brokenMultipartUploadsAreMalformedBodyProblems() {
        Operation deliveries = new Operation("POST", "/v1/driver/stops/{id}/deliveries",
                Contract.get().operation("POST", "/v1/driver/stops/{id}/deliveries"));
        String attempt = "Content-Disposition: form-data; name=\"attempt\"\r\nContent-Type: application/json\r\n\r\n{}\r\n";
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("seven parts", ("--" + BOUNDARY + "\r\n" + attempt).repeat(7) + "--" + BOUNDARY + "--\r\n");
        bodies.put("a hundred parts", ("--" + BOUNDARY + "\r\n" + attempt).repeat(100) + "--" + BOUNDARY + "--\r\n");
        bodies.put("no closing boundary", "--" + BOUNDARY + "\r\n" + attempt);
        bodies.put("no boundary at all", "just some bytes");
        bodies.put("a part without headers end", "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            RawHttp.Answer answer = raw.send("POST", deliveries.uri(Map.of()), tokens.get("DRIVER"),
                    "multipart/form-data; boundary=" + BOUNDARY, body.getValue().getBytes(StandardCharsets.UTF_8));
            assertThat(answer.status()).as("%s: %s", body.getKey(), answer.summary()).isEqualTo(400);
            assertThat(answer.body()).contains("malformed-body");
        }
        RawHttp.Answer noBoundary = raw.send("POST", deliveries.uri(Map.of()), tokens.get("DRIVER"),
                "multipart/form-data", bodies.get("seven parts").getBytes(StandardCharsets.UTF_8));
        assertThat(noBoundary.status()).as("no boundary parameter: %s", noBoundary.summary()).isEqualTo(400);
    }

    private static final List<String> WRONG_TYPES = List.of("12345", "true", "{}", "[]", "null", "\"text\"",
            "1e400", "-1e400", "1" + "0".repeat(400), "-9223372036854775809", "0.5", "-1",
            "[".repeat(2_000) + "]".repeat(2_000));

    private static final List<String> HOSTILE_PARAMETERS = List.of("%00", "a%00b", "%ff%fe", "%C0%80", "..%2F..%2Fetc",
            "%25", "%E2%80%AE", "-1", "99999999999999999999", "1e400", "NaN", "+999999999-12-31",
            "-4714-11-24T00:00:00Z", "+294277-01-01T00:00:00Z", "%F0%9F%98%80", "%27%3B%20DROP%20TABLE%20x%3B--",
            "x".repeat(1_000));

    private static List<byte[]> malformedBodies() {
        List<String> texts = List.of("", " ", "{", "[", "}", "nul", "{\"a\":}", "{\"a\" 1}", "{'a': 1}", "{\"a\":1,}",
                "null", "0", "\"x\"", "[]", "{}", "[null]", "{\"unknown\":1}", "\u0000", "{\"a\":\"\u0000\"}",
                "{\"a\":1,\"a\":2}", "[".repeat(100_000), "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000),
                "1" + "0".repeat(100_000), "{\"" + "k".repeat(100_000) + "\":1}", "\"" + "\\u00".repeat(10) + "\"");
        List<byte[]> bodies = new ArrayList<>();
        texts.forEach(t -> bodies.add(t.getBytes(StandardCharsets.UTF_8)));
        bodies.add(new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'});
        bodies.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'});
        // Past the 8 MB codec limit: refused with 413 before it fills memory.
        byte[] oversize = new byte[9 * 1024 * 1024];
        java.util.Arrays.fill(oversize, (byte) ' ');
        oversize[0] = '[';
        oversize[oversize.length - 1] = ']';
        bodies.add(oversize);
        return bodies;
    }

    private void send(Operation op, byte[] json, String what) {
        String contentType = "application/json";
        byte[] body = json;
        if (op.multipart()) {
            contentType = "multipart/form-data; boundary=" + BOUNDARY;
            body = multipart(json);
        }
        record(op, what, raw.send(op.method(), op.uri(Map.of()), op.token(), contentType, body));
    }

    private void sendParameters(Operation op, Map<String, String> path, Map<String, String> query, String what) {
        StringBuilder uri = new StringBuilder(op.uri(path));
        query.forEach((name, value) -> uri.append(uri.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
                .append(value));
        record(op, what, raw.send(op.method(), uri.toString(), op.token(), null, null));
    }

    private void record(Operation op, String what, RawHttp.Answer answer) {
        sent++;
        if (answer.serverFault() && faults.size() < 40) {
            faults.add(op.method() + " " + op.template() + " with " + what + " -> " + answer.summary());
        }
    }

    private static byte[] multipart(byte[] json) {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"attempt\"\r\n"
                + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + json.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(json, 0, out, head.length, json.length);
        System.arraycopy(tail, 0, out, head.length + json.length, tail.length);
        return out;
    }

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 40), StandardCharsets.UTF_8).replace("\u0000", "\\0");
        return body.length > 40 ? text + "... (" + body.length + " bytes)" : text;
    }

    private List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        for (String operation : Contract.get().operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String template = operation.substring(operation.indexOf(' ') + 1);
            out.add(new Operation(method, template, Contract.get().operation(method, template)));
        }
        return out;
    }

    /** One operation of the contract, with the token of the first role it admits and real ids in its path. */
    private record Operation(String method, String template, JsonNode spec) {

        String token() {
            JsonNode roles = spec.get("x-doorstep-roles");
            return roles == null || !roles.isArray() || roles.isEmpty() ? null : tokens.get(roles.get(0).asText());
        }

        JsonNode jsonSchema() {
            JsonNode content = spec.path("requestBody").path("content");
            if (content.has("application/json")) {
                return content.get("application/json").get("schema");
            }
            if (content.has("multipart/form-data")) {
                // The delivery upload's JSON travels as its attempt part.
                return content.get("multipart/form-data").path("schema").path("properties").get("attempt");
            }
            return null;
        }

        boolean multipart() {
            return !spec.path("requestBody").path("content").has("application/json")
                    && spec.path("requestBody").path("content").has("multipart/form-data");
        }

        List<String> pathParameters() {
            List<String> names = new ArrayList<>();
            Matcher m = PARAMETER.matcher(template);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        List<String> queryParameters() {
            List<String> names = new ArrayList<>();
            for (JsonNode parameter : spec.path("parameters")) {
                JsonNode resolved = parameter;
                while (resolved.has("$ref")) {
                    resolved = Contract.get().spec().at(resolved.get("$ref").asText().substring(1));
                }
                if ("query".equals(resolved.path("in").asText())) {
                    names.add(resolved.get("name").asText());
                }
            }
            return names;
        }

        /** The path with the given raw values, and a real id (by the collection named before it) elsewhere. */
        String uri(Map<String, String> values) {
            Matcher m = PARAMETER.matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String before = template.substring(0, m.start());
                String collection = before.substring(before.lastIndexOf('/', before.length() - 2) + 1,
                        before.length() - 1);
                String value = values.containsKey(name) ? values.get(name)
                        : ids.getOrDefault(collection, "x_" + name + "_unknown");
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }
    }
}
