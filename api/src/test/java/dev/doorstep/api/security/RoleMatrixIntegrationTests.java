package dev.doorstep.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Contract;
import dev.doorstep.api.support.ContractCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * For every operation of the contract: no token gives 401, a role the contract does not list gives 403,
 * a listed role gets past security. The roles come from each operation's {@code x-doorstep-roles}.
 */
class RoleMatrixIntegrationTests extends ApiIntegrationTest {

    private final Map<Role, String> tokens = new EnumMap<>(Role.class);

    /**
     * The matrix makes hundreds of calls: each on a connection of its own, so that none lands on a kept-alive
     * connection to this context's server from before the context was paused and resumed.
     */
    private WebTestClient unpooled;

    @BeforeEach
    void tokens() {
        unpooled = WebTestClient.bindToServer(new ReactorClientHttpConnector(
                        HttpClient.create(ConnectionProvider.newConnection())))
                .baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .filter(new ContractCheck()).build();
        tokens.put(Role.DRIVER, token("drv_matrix", "DRIVER"));
        tokens.put(Role.DISPATCHER, dispatcherToken("dsp_matrix"));
        tokens.put(Role.STATION_OPS, token("ops_matrix", "STATION_OPS"));
        tokens.put(Role.SERVICE, token("svc_matrix", "SERVICE"));
    }

    @Test
    void everyOperationAnswersEachRoleAsTheContractSays() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String operation : Contract.get().operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String template = operation.substring(operation.indexOf(' ') + 1);
            JsonNode roles = Contract.get().operation(method, template).get("x-doorstep-roles");
            assertThat(roles).as("x-doorstep-roles of %s", operation).isNotNull();
            String path = template.replaceAll("\\{[^}]+}", "x");
            if (roles.isTextual()) {
                assertThat(roles.asText()).isEqualTo("public");
                int status = call(method, path, null);
                if (status == 401 || status == 403) {
                    wrong.add(operation + " is public but answered " + status + " without a token");
                }
                checked++;
                continue;
            }
            Set<Role> allowed = new TreeSet<>();
            roles.forEach(r -> allowed.add(Role.valueOf(r.asText())));
            int anonymous = call(method, path, null);
            if (anonymous != 401) {
                wrong.add(operation + " without a token answered " + anonymous);
            }
            for (Role role : Role.values()) {
                int status = call(method, path, tokens.get(role));
                boolean blocked = status == 401 || status == 403;
                if (allowed.contains(role) == blocked || (!allowed.contains(role) && status != 403)) {
                    wrong.add(operation + " as " + role + " answered " + status);
                }
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(wrong).isEmpty();
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        String forged = ForeignTokens.signed("ops", List.of("STATION_OPS"), "http://localhost:" + port, "doorstep", 300);
        http.get().uri("/v1/stations").headers(h -> h.setBearerAuth(forged)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void garbageInTheAuthorizationHeaderIsA401Problem() {
        http.get().uri("/v1/stations").header("Authorization", "Bearer not.a.jwt").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.dev/problems/unauthorized");
    }

    private int call(String method, String path, String token) {
        WebTestClient.RequestBodySpec request = unpooled.method(HttpMethod.valueOf(method)).uri(path);
        if (token != null) {
            request.headers(h -> h.setBearerAuth(token));
        }
        WebTestClient.RequestHeadersSpec<?> ready = request;
        if (method.equals("POST") || method.equals("PUT")) {
            ready = path.equals("/oauth2/token")
                    ? request.contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("grant_type=password")
                    : request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        }
        FluxExchangeResult<byte[]> result = ready.exchange().returnResult(byte[].class);
        // Cancel the body: an event stream never ends, and its connection must not stay taken.
        result.getResponseBody().subscribe().dispose();
        return result.getStatus().value();
    }
}
