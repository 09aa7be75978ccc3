package dev.doorstep.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The baseline of {@code bench/run http}: a bare Reactor Netty server (the engine under the app's WebFlux) that
 * answers the liveness path with the app's body and nothing else: no filters, no security, no logging.
 * {@code bench/run http} starts it as a process of its own, as it starts the app, so both get a JVM to themselves.
 */
final class BareServer {

    /** The app's own answer, byte for byte (components are shown to everyone, without details). */
    static final String BODY = "{\"components\":{\"livenessState\":{\"status\":\"UP\"}},\"status\":\"UP\"}";

    private BareServer() {
    }

    static void run(BenchOptions options) {
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(options.number("port", 0))
                .route(routes -> routes.get(HttpBench.PATH, (request, response) -> response
                        .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .sendString(reactor.core.publisher.Mono.just(BODY))))
                .bindNow();
        System.out.println("listening on " + server.port());
        server.onDispose().block();
    }
}
