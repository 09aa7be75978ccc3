package dev.doorstep.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The baselines of {@code bench/run http}, each answering the liveness path with the app's body and nothing else
 * (no filters, no security, no logging): {@code --kind netty}, a bare Reactor Netty server (the engine under the
 * app's WebFlux), and {@code --kind webflux}, a bare WebFlux handler (a router function with Spring's default
 * handler strategies, no Spring Boot) on the same engine. {@code bench/run http} starts each as a process of its
 * own, as it starts the app, so each gets a JVM to itself.
 */
final class BareServer {

    /** The app's own answer, byte for byte (components are shown to everyone, without details). */
    static final String BODY = "{\"components\":{\"livenessState\":{\"status\":\"UP\"}},\"status\":\"UP\"}";

    private BareServer() {
    }

    static void run(BenchOptions options) {
        HttpServer server = HttpServer.create().host("127.0.0.1").port(options.number("port", 0));
        DisposableServer bound = switch (options.text("kind", "netty")) {
            case "netty" -> server.route(routes -> routes.get(HttpBench.PATH, (request, response) -> response
                    .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .sendString(Mono.just(BODY)))).bindNow();
            case "webflux" -> server.handle(new ReactorHttpHandlerAdapter(webFlux())).bindNow();
            default -> throw new IllegalArgumentException("--kind is netty or webflux");
        };
        System.out.println("listening on " + bound.port());
        bound.onDispose().block();
    }

    private static HttpHandler webFlux() {
        return RouterFunctions.toHttpHandler(RouterFunctions.route()
                .GET(HttpBench.PATH, request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(BODY))
                .build());
    }
}
