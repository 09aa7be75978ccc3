package dev.doorstep.api.hostile;

import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends exactly the bytes a test chooses (broken JSON, raw {@code %00} in a path, a multipart body without its end)
 * on a connection of its own, without the contract check, and reports the status or the failure of the exchange.
 * A streamed answer (Server-Sent Events) is judged by its status and then dropped.
 */
final class RawHttp {

    /** What the server answered: a status and the start of the body, or the connection's failure. */
    record Answer(int status, String body, Throwable failure) {

        boolean serverFault() {
            return failure != null || status >= 500;
        }

        String summary() {
            return failure != null ? "no answer: " + failure : status + " " + body.substring(0, Math.min(300, body.length()));
        }
    }

    private final HttpClient client;

    RawHttp(int port) {
        this.client = HttpClient.create(ConnectionProvider.newConnection()).baseUrl("http://localhost:" + port);
    }

    Answer send(String method, String uri, String token, String contentType, byte[] body) {
        HttpClient withHeaders = client.headers(h -> {
            if (token != null) {
                h.set("Authorization", "Bearer " + token);
            }
            if (contentType != null) {
                h.set("Content-Type", contentType);
            }
            if (body != null) {
                h.set("Content-Length", body.length);
            }
        });
        try {
            return withHeaders.request(HttpMethod.valueOf(method)).uri(uri)
                    .send(body == null ? ByteBufFlux.fromString(Mono.empty()) : ByteBufFlux.fromInbound(Mono.just(body)))
                    .response((response, content) -> {
                        int status = response.status().code();
                        String type = response.responseHeaders().get("Content-Type", "");
                        if (type.startsWith("text/event-stream")) {
                            return Mono.just(new Answer(status, "(event stream)", null));
                        }
                        return content.aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                                .map(text -> new Answer(status, text, null));
                    })
                    .next()
                    .timeout(Duration.ofSeconds(30))
                    .onErrorResume(e -> Mono.just(new Answer(0, "", e)))
                    .block();
        } catch (RuntimeException e) {
            return new Answer(0, "", e);
        }
    }

    Answer send(String method, String uri, String token) {
        return send(method, uri, token, null, null);
    }
}
