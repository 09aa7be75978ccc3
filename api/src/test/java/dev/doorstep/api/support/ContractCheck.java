package dev.doorstep.api.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A client filter that fails the test when an exchange breaks openapi.yaml. A request that matches the contract
 * must get a response that matches it; a request that does not (the tests send bad input on purpose) must get a
 * documented 4xx, never a 2xx or a 5xx. Server-sent events are checked one by one against their records.
 */
public final class ContractCheck implements ExchangeFilterFunction {

    /**
     * Reads the contract now, on the test's thread: its first use is otherwise in a response callback on an event
     * loop, where reading openapi.yaml from the classpath is a blocking call that BlockHound fails (the first test
     * class of a JVM hit it).
     */
    public ContractCheck() {
        Contract.get();
    }

    /** A 404 for a path the contract does not have is the right answer, not a contract violation. */
    private static boolean unknownPath(ClientRequest request, ClientResponse response) {
        return response.statusCode().value() == 404
                && Contract.get().template(request.method().name(), request.url().getPath()).isEmpty();
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        SentBody sent = new SentBody();
        ClientRequest recording = ClientRequest.from(request)
                .body((message, context) -> request.body().insert(sent.recording(message), context)).build();
        return next.exchange(recording).flatMap(response -> {
            if (unknownPath(request, response)) {
                return Mono.just(response);
            }
            MediaType type = response.headers().contentType().orElse(null);
            int status = response.statusCode().value();
            // Schema loading and validation read files: keep them off the event loop.
            if (type != null && type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM)) {
                return Mono.fromCallable(() -> {
                    checkRequest(request, sent, status);
                    return response.mutate().body(body -> checkedEvents(request, body)).build();
                }).subscribeOn(Schedulers.boundedElastic());
            }
            return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).publishOn(Schedulers.boundedElastic()).map(body -> {
                checkRequest(request, sent, status);
                String violations = Contract.get().violations(request.method().name(), request.url().getPath(),
                        status, type == null ? null : type.toString(), body);
                if (!violations.isEmpty()) {
                    throw new AssertionError("Contract violation: " + violations);
                }
                DataBuffer buffer = DefaultDataBufferFactory.sharedInstance.wrap(body);
                return response.mutate().body(Flux.just(buffer)).build();
            });
        });
    }

    /** A request off the contract is bad input: only a 4xx answers it. */
    private static void checkRequest(ClientRequest request, SentBody sent, int status) {
        String violations = Contract.get().requestViolations(request.method().name(), request.url().getPath(),
                request.url().getRawQuery(), name -> {
                    List<String> values = request.headers().get(name);
                    if ((values == null || values.isEmpty()) && name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                        values = sent.contentType(); // set by the body's encoder as it writes
                    }
                    return values == null ? List.of() : values;
                }, sent.bytes());
        if (!violations.isEmpty() && (status < 400 || status >= 500)) {
            throw new AssertionError("Contract violation: the request is not valid, yet the answer was " + status
                    + " (bad input must get a 4xx): " + violations);
        }
    }

    /** The stream passed through as it comes, each complete event checked against the contract on the way. */
    private static Flux<DataBuffer> checkedEvents(ClientRequest request, Flux<DataBuffer> body) {
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        return body.publishOn(Schedulers.boundedElastic()).doOnNext(buffer -> {
            append(pending, buffer);
            String text = pending.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
            int end;
            while ((end = text.indexOf("\n\n")) >= 0) {
                checkEvent(request, text.substring(0, end));
                text = text.substring(end + 2);
            }
            pending.reset();
            pending.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        });
    }

    private static void checkEvent(ClientRequest request, String block) {
        String event = null;
        StringBuilder data = null;
        for (String line : block.split("\n")) {
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).strip());
            }
        }
        if (data == null) {
            return; // a comment (heartbeat) or a retry hint: no event
        }
        String violations = Contract.get().eventViolations(request.method().name(), request.url().getPath(), event,
                data.toString());
        if (!violations.isEmpty()) {
            throw new AssertionError("Contract violation: " + violations);
        }
    }

    private static void append(ByteArrayOutputStream out, DataBuffer buffer) {
        try (DataBuffer.ByteBufferIterator views = buffer.readableByteBuffers()) {
            while (views.hasNext()) {
                ByteBuffer view = views.next();
                byte[] bytes = new byte[view.remaining()];
                view.get(bytes);
                out.writeBytes(bytes);
            }
        }
    }

    /** The bytes of the request body as they went out. */
    private static final class SentBody {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile List<String> contentType = List.of();

        ClientHttpRequest recording(ClientHttpRequest message) {
            return new ClientHttpRequestDecorator(message) {
                @Override
                public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                    noteContentType(getHeaders());
                    return super.writeWith(Flux.from(body).doOnNext(SentBody.this::record));
                }

                @Override
                public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                    noteContentType(getHeaders());
                    return super.writeAndFlushWith(Flux.from(body).map(part -> Flux.from(part).doOnNext(SentBody.this::record)));
                }
            };
        }

        private void noteContentType(HttpHeaders headers) {
            MediaType type = headers.getContentType();
            contentType = type == null ? List.of() : List.of(type.toString());
        }

        List<String> contentType() {
            return contentType;
        }

        private synchronized void record(DataBuffer buffer) {
            append(bytes, buffer);
        }

        synchronized byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
