package dev.doorstep.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.DispatcherAccounts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

class DispatcherAccountsIntegrationTests extends ApiIntegrationTest {

    @Autowired
    private DatabaseClient db;

    private String ops;
    private String dsp;

    @BeforeEach
    void dsp() {
        ops = opsToken();
        dsp = createDsp(ops);
    }

    @Test
    void stationOpsCreateAnAccountWhosePasswordIsKeptOnlyAsABcryptHash() {
        String username = "dana." + unique() + "@acme-dsp";

        var created = http.post().uri("/v1/dsps/{id}/dispatchers", dsp).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("username", username, "password", DispatcherAccounts.PASSWORD,
                        "name", " Dana Dispatch "))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult();

        Map<?, ?> account = created.getResponseBody();
        assertThat(account.keySet().stream().map(String::valueOf).toList())
                .containsExactlyInAnyOrder("id", "dspId", "username", "name", "active", "createdAt");
        assertThat(List.of(account.get("dspId"), account.get("username"), account.get("name"), account.get("active")))
                .containsExactly(dsp, username, "Dana Dispatch", true);
        assertThat(created.getResponseHeaders().getLocation()).hasToString(
                "/v1/dsps/" + dsp + "/dispatchers/" + account.get("id"));
        String hash = db.sql("SELECT password_hash FROM dispatchers WHERE id = :id").bind("id", account.get("id"))
                .map(row -> row.get("password_hash", String.class)).one().block();
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(DispatcherAccounts.PASSWORD);
        http.get().uri("/v1/dsps/{id}/dispatchers", dsp).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].id").isEqualTo(account.get("id"))
                .jsonPath("$.items[0].password").doesNotExist();
        http.get().uri("/v1/dsps/{id}/dispatchers/{d}", dsp, account.get("id")).headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.username").isEqualTo(username);
    }

    @Test
    void aBadUsernameOrAShortPasswordIsRefusedNamingTheField() {
        create(Map.of("username", "Dana Smith", "password", DispatcherAccounts.PASSWORD, "name", "Dana"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("username");
        create(Map.of("username", "dana-" + unique(), "password", "short-pw", "name", "Dana"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
        create(Map.of("username", "dana-" + unique(), "password", "é".repeat(40), "name", "Dana"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
        http.post().uri("/v1/dsps/{id}/dispatchers", "dsp_nope").headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("username", "dana-" + unique(), "password", DispatcherAccounts.PASSWORD,
                        "name", "Dana"))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void aUsernameIsTakenAcrossEveryDsp() {
        String username = "sam-" + unique();
        DispatcherAccounts.create(http, ops, dsp, username);

        http.post().uri("/v1/dsps/{id}/dispatchers", createDsp(ops)).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("username", username, "password", "another password!", "name", "Sam"))
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("USERNAME_TAKEN");
    }

    @Test
    void stationOpsRenameDeactivateAndSetANewPassword() {
        String username = "lee-" + unique();
        Map<?, ?> account = DispatcherAccounts.create(http, ops, dsp, username);

        http.patch().uri("/v1/dsps/{id}/dispatchers/{d}", dsp, account.get("id")).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("name", "Lee Chen", "active", false, "password", "a brand new secret"))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("Lee Chen")
                .jsonPath("$.active").isEqualTo(false)
                .jsonPath("$.username").isEqualTo(username);

        http.patch().uri("/v1/dsps/{id}/dispatchers/{d}", createDsp(ops), account.get("id"))
                .headers(h -> h.setBearerAuth(ops)).bodyValue(Map.of("active", true))
                .exchange().expectStatus().isNotFound();
        http.patch().uri("/v1/dsps/{id}/dispatchers/{d}", dsp, account.get("id")).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("password", "short")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
        List<?> items = (List<?>) http.get().uri("/v1/dsps/{id}/dispatchers", dsp).headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("items");
        assertThat(items).singleElement().satisfies(a -> assertThat(((Map<?, ?>) a).get("active")).isEqualTo(false));
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec create(Map<String, ?> body) {
        return http.post().uri("/v1/dsps/{id}/dispatchers", dsp).headers(h -> h.setBearerAuth(ops)).bodyValue(body)
                .exchange();
    }
}
