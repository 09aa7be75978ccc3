package dev.doorstep.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.client.reactive.MockClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import reactor.core.publisher.Mono;

/** The contract check itself, against canned answers: what it lets through and what it stops. */
class ContractCheckTests {

    @Test
    void aRequestOffTheContractAnsweredWithASuccessFailsTheTest() {
        ClientRequest request = post("/v1/stations", Map.of("name", 42));

        assertThatThrownBy(() -> exchange(request, HttpStatus.CREATED, MediaType.APPLICATION_JSON, "{}"))
                .hasMessageContaining("the request is not valid, yet the answer was 201");
    }

    @Test
    void aValidRequestAnsweredAsDocumentedPasses() {
        Map<String, Object> fence = Map.of("type", "Polygon", "coordinates",
                java.util.List.of(java.util.List.of(java.util.List.of(13.3, 52.4), java.util.List.of(13.5, 52.4),
                        java.util.List.of(13.5, 52.6), java.util.List.of(13.3, 52.4))));
        Map<String, Object> draft = Map.of("name", "DXX1", "address", "1 Main St", "timeZone", "Europe/Berlin",
                "location", Map.of("lat", 52.5, "lon", 13.4), "geofence", fence);
        ClientRequest request = post("/v1/stations", draft);
        String station = "{\"id\":\"st_1\",\"name\":\"DXX1\",\"address\":\"1 Main St\","
                + "\"timeZone\":\"Europe/Berlin\",\"location\":{\"lat\":52.5,\"lon\":13.4},\"geofence\":"
                + "{\"type\":\"Polygon\",\"coordinates\":[[[13.3,52.4],[13.5,52.4],[13.5,52.6],[13.3,52.4]]]}}";

        assertThat(exchange(request, HttpStatus.CREATED, MediaType.APPLICATION_JSON, station).statusCode().value())
                .isEqualTo(201);
    }

    @Test
    void aRequestOffTheContractAnsweredWithAProblemPasses() {
        ClientRequest request = post("/v1/stations", Map.of("name", 42));
        String problem = "{\"type\":\"https://doorstep.dev/problems/invalid-request\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"name\"}";

        assertThat(exchange(request, HttpStatus.BAD_REQUEST, MediaType.APPLICATION_PROBLEM_JSON, problem)
                .statusCode().value()).isEqualTo(400);
    }

    @Test
    void aRequestOffTheContractAnsweredWithAServerErrorFailsTheTest() {
        ClientRequest request = post("/v1/stations", Map.of("name", 42));
        String problem = "{\"type\":\"https://doorstep.dev/problems/internal\",\"title\":\"Internal Server Error\",\"status\":500}";

        assertThatThrownBy(() -> exchange(request, HttpStatus.INTERNAL_SERVER_ERROR,
                MediaType.APPLICATION_PROBLEM_JSON, problem))
                .hasMessageContaining("yet the answer was 500");
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsARequestOffTheContract() {
        String violations = Contract.get().requestViolations("GET", "/v1/stations", "limit=lots", name -> java.util.List.of(),
                new byte[0]);

        assertThat(violations).contains("query parameter limit=[lots]");
    }

    @Test
    void aValidQueryParameterPasses() {
        assertThat(Contract.get().requestViolations("GET", "/v1/stations", "limit=5", name -> java.util.List.of(),
                new byte[0])).isEmpty();
    }

    @Test
    void aBadItemOfABatchAnsweredOneByOneIsNotABadRequest() {
        byte[] badPing = "{\"pings\":[{\"ts\":\"2026-01-01T00:00:00Z\",\"lat\":91,\"lon\":0}]}".getBytes();
        byte[] noPings = "{\"pongs\":[]}".getBytes();

        assertThat(Contract.get().requestViolations("POST", "/v1/driver/pings", null, this::json, badPing)).isEmpty();
        assertThat(Contract.get().requestViolations("POST", "/v1/driver/pings", null, this::json, noPings))
                .contains("required property 'pings'");
    }

    private java.util.List<String> json(String header) {
        return header.equalsIgnoreCase("Content-Type") ? java.util.List.of("application/json") : java.util.List.of();
    }

    @Test
    void aServerSentEventOffItsRecordFailsTheTest() {
        assertThat(Contract.get().eventViolations("GET", "/v1/dsp/live", "position", "{\"driverId\":7}"))
                .contains("data:");
        assertThat(Contract.get().eventViolations("GET", "/v1/track/abc/events", "shrug", "{}"))
                .contains("event shrug");
    }

    private static ClientRequest post(String path, Object body) {
        // No Content-Type here: the JSON encoder sets it as it writes, as with the tests' WebTestClient.
        return ClientRequest.create(HttpMethod.POST, URI.create("http://localhost" + path))
                .body(BodyInserters.fromValue(body)).build();
    }

    /** Runs the check on a request whose body is written out (as a real connection would) and a canned answer. */
    private static ClientResponse exchange(ClientRequest request, HttpStatus status, MediaType type, String body) {
        ExchangeFunction server = sent -> sent.writeTo(new MockClientHttpRequest(sent.method(), sent.url()),
                        ExchangeStrategies.withDefaults())
                .then(Mono.fromSupplier(() -> ClientResponse.create(status)
                        .header(HttpHeaders.CONTENT_TYPE, type.toString()).body(body).build()));
        return new ContractCheck().filter(request, server).block(Duration.ofSeconds(10));
    }
}
