package dev.doorstep.simulator;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The public HTTP API as the simulated clients use it: the only way the simulator touches Doorstep. Every call
 * answers the parsed JSON body of a 2xx answer, or throws {@link ApiException}. A generated client can replace
 * {@link HttpDoorstepApi} behind this interface.
 */
public interface DoorstepApi {

    /** The app's base URL, such as {@code http://localhost:8080}. */
    String baseUrl();

    JsonNode get(String path, String token);

    /** A JSON request ({@code body} null sends none) with extra headers such as Idempotency-Key. */
    JsonNode send(String method, String path, String token, Object body, Map<String, String> headers);

    default JsonNode post(String path, String token, Object body) {
        return send("POST", path, token, body, Map.of());
    }

    default JsonNode put(String path, String token, Object body) {
        return send("PUT", path, token, body, Map.of());
    }

    /** A form-encoded POST without a bearer token, as an OAuth client signs in. */
    JsonNode form(String path, Map<String, String> fields);

    /** The driver app's proof-of-delivery upload: a JSON part {@code attempt} and a JPEG part {@code photo}. */
    JsonNode deliver(String stopId, String token, String idempotencyKey, Object attempt, byte[] photo);

    /** One position through the OsmAnd protocol (query parameters, no token: the device key identifies it). */
    void osmand(Map<String, String> query);

    /** A signed token from the embedded issuer's local endpoint (the embedded default only). */
    default String token(Map<String, Object> claims) {
        return post("/local/tokens", null, claims).get("access_token").asString();
    }
}
