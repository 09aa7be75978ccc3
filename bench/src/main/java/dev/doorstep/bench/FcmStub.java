package dev.doorstep.bench;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * The FCM stand-in of {@code bench/run notify}: a Reactor Netty server on loopback (HTTP/1.1 and HTTP/2 cleartext,
 * as FCM speaks HTTP/2) answering the two endpoints the Firebase Admin SDK calls, the OAuth token endpoint
 * ({@code POST /token}) and FCM v1 send ({@code POST /v1/projects/{project}/messages:send}), accepting every push
 * and counting what it accepted per event id (the {@code eventId} data field each Doorstep push carries): how many
 * times, and when first ({@link System#nanoTime()}, the bench's own clock, as the stub runs in the bench's JVM).
 * Duplicates and losses are read from these counts. Anything else is a 404. It replaced a WireMock stub whose
 * 450 to 650 pushes/s capped the figure (the tests keep WireMock: they check what the SDK sends, not speed).
 */
final class FcmStub implements AutoCloseable {

    private static final byte[] TOKEN = "{\"access_token\":\"bench\",\"expires_in\":3600,\"token_type\":\"Bearer\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] SENT = "{\"name\":\"projects/doorstep-bench/messages/0:accepted\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] EVENT_ID = "\"eventId\"".getBytes(StandardCharsets.UTF_8);

    private final Map<Long, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<Long, Long> firstAccepted = new ConcurrentHashMap<>();
    private final AtomicLong lastAccepted = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final LoopResources loops;
    private final DisposableServer server;

    /** {@code threads}: the stub's event loops. */
    FcmStub(int threads) {
        loops = LoopResources.create("fcm-stub", Math.max(1, threads), true);
        server = HttpServer.create().host("127.0.0.1").port(0).runOn(loops)
                .protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
                .handle((request, response) -> {
                    String path = request.path();
                    if (request.method() != HttpMethod.POST) {
                        return response.status(HttpResponseStatus.METHOD_NOT_ALLOWED).send();
                    }
                    if (path.equals("token")) {
                        return request.receive().then(answer(response, TOKEN));
                    }
                    if (path.startsWith("v1/projects/") && path.endsWith("/messages:send")) {
                        return request.receive().aggregate().doOnNext(this::count).then(answer(response, SENT));
                    }
                    return response.status(HttpResponseStatus.NOT_FOUND).send();
                })
                .bindNow(Duration.ofSeconds(10));
    }

    private static Mono<Void> answer(reactor.netty.http.server.HttpServerResponse response, byte[] body) {
        return Mono.defer(() -> response.header(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8")
                .sendByteArray(Mono.just(body)).then());
    }

    /** Counts one accepted push: its event id is the digits after {@code "eventId":"} (a minus sign allowed). */
    private void count(ByteBuf body) {
        long now = System.nanoTime();
        long id = eventId(body);
        if (id != Long.MIN_VALUE) {
            counts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            firstAccepted.putIfAbsent(id, now);
        }
        accepted.incrementAndGet();
        lastAccepted.accumulateAndGet(now, Math::max);
    }

    /** The event id in a send request's body, or {@link Long#MIN_VALUE} when it has none. */
    static long eventId(ByteBuf body) {
        int end = body.writerIndex();
        outer:
        for (int i = body.readerIndex(); i + EVENT_ID.length <= end; i++) {
            for (int j = 0; j < EVENT_ID.length; j++) {
                if (body.getByte(i + j) != EVENT_ID[j]) {
                    continue outer;
                }
            }
            int at = i + EVENT_ID.length;
            while (at < end && (body.getByte(at) == ' ' || body.getByte(at) == ':')) {
                at++;
            }
            if (at >= end || body.getByte(at) != '"') {
                return Long.MIN_VALUE;
            }
            at++;
            boolean negative = at < end && body.getByte(at) == '-';
            if (negative) {
                at++;
            }
            long value = 0;
            int digits = 0;
            while (at < end && body.getByte(at) >= '0' && body.getByte(at) <= '9' && digits < 19) {
                value = value * 10 + (body.getByte(at++) - '0');
                digits++;
            }
            return digits == 0 || at >= end || body.getByte(at) != '"' ? Long.MIN_VALUE : negative ? -value : value;
        }
        return Long.MIN_VALUE;
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Forgets every count (after seeding, or after the stub-alone baseline). */
    void reset() {
        counts.clear();
        firstAccepted.clear();
        accepted.set(0);
        lastAccepted.set(0);
    }

    /** Pushes accepted since the last reset, duplicates included. */
    long accepted() {
        return accepted.get();
    }

    /** Distinct event ids accepted since the last reset. */
    int distinctEvents() {
        return counts.size();
    }

    /** How many pushes of {@code eventId} were accepted (0: none). */
    int count(long eventId) {
        AtomicInteger count = counts.get(eventId);
        return count == null ? 0 : count.get();
    }

    Map<Long, AtomicInteger> counts() {
        return counts;
    }

    /** When the first push of {@code eventId} was accepted ({@code System.nanoTime()}), or null. */
    Long firstAccepted(long eventId) {
        return firstAccepted.get(eventId);
    }

    long lastAcceptedNanos() {
        return lastAccepted.get();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(10));
        loops.disposeLater().block(Duration.ofSeconds(10));
    }
}
