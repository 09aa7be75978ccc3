package dev.doorstep.api.support;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Dispatcher accounts made by station ops, and their sign-in as the dispatcher portal does it. */
public final class DispatcherAccounts {

    public static final String PASSWORD = "correct horse battery";

    private DispatcherAccounts() {
    }

    /** A new account of {@code dspId} with {@link #PASSWORD}; returns its JSON. */
    public static Map<?, ?> create(WebTestClient http, String ops, String dspId, String username) {
        return http.post().uri("/v1/dsps/{id}/dispatchers", dspId).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("username", username, "password", PASSWORD, "name", "Dana Dispatch"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** The raw answer of the password grant. */
    public static EntityExchangeResult<Map> signIn(WebTestClient http, String username, String password) {
        return http.post().uri("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "password").with("username", username)
                        .with("password", password).with("client_id", "dsp-portal"))
                .exchange().expectBody(Map.class).returnResult();
    }

    /** The access token of a sign-in that must succeed. */
    public static String token(WebTestClient http, String username, String password) {
        EntityExchangeResult<Map> answer = signIn(http, username, password);
        if (answer.getStatus().value() != 200) {
            throw new AssertionError("Sign-in of " + username + " answered " + answer.getStatus() + ": "
                    + answer.getResponseBody());
        }
        return (String) answer.getResponseBody().get("access_token");
    }
}
