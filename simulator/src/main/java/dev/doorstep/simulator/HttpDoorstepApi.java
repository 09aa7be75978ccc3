package dev.doorstep.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link DoorstepApi} over java.net.http and Jackson, recording every request in a {@link RequestLog}. */
public final class HttpDoorstepApi implements DoorstepApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient client;
    private final RequestLog log;

    public HttpDoorstepApi(String baseUrl, RequestLog log) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.log = log;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public JsonNode get(String path, String token) {
        return exchange("GET", path, builder(path, token).GET());
    }

    @Override
    public JsonNode send(String method, String path, String token, Object body, Map<String, String> headers) {
        HttpRequest.Builder builder = builder(path, token);
        headers.forEach(builder::header);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return exchange(method, path, builder);
    }

    @Override
    public JsonNode form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return exchange("POST", path, builder(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Override
    public JsonNode deliver(String stopId, String token, String idempotencyKey, Object attempt, byte[] photo) {
        String boundary = "sim" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "attempt", null, "application/json",
                JSON.writeValueAsString(attempt).getBytes(StandardCharsets.UTF_8));
        part(body, boundary, "photo", "door.jpg", "image/jpeg", photo);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        String path = "/v1/driver/stops/" + stopId + "/deliveries";
        return exchange("POST", path, builder(path, token).header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    @Override
    public void osmand(Map<String, String> query) {
        String path = "/v1/ingest/osmand?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        exchange("GET", path, builder(path, null).GET());
    }

    private HttpRequest.Builder builder(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private JsonNode exchange(String method, String path, HttpRequest.Builder request) {
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            log.record(method, path, System.nanoTime() - started, true);
            throw new ApiException(method + " " + path, 0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(method + " " + path, 0, "interrupted");
        }
        boolean ok = response.statusCode() < 300;
        log.record(method, path, System.nanoTime() - started, !ok);
        if (!ok) {
            throw new ApiException(method + " " + path, response.statusCode(), response.body());
        }
        String body = response.body();
        boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
        return json && !body.isBlank() ? JSON.readTree(body) : JSON.createObjectNode();
    }

    private static void part(ByteArrayOutputStream out, String boundary, String name, String filename, String type,
            byte[] content) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\nContent-Type: " + type + "\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
