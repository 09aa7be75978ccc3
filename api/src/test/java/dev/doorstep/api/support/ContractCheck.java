package dev.doorstep.api.support;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** A client filter that fails the test when a response does not match openapi.yaml. */
public final class ContractCheck implements ExchangeFilterFunction {

    /** A 404 for a path the contract does not have is the right answer, not a contract violation. */
    private static boolean unknownPath(ClientRequest request, ClientResponse response) {
        return response.statusCode().value() == 404
                && Contract.get().template(request.method().name(), request.url().getPath()).isEmpty();
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return next.exchange(request).flatMap(response -> {
            MediaType type = response.headers().contentType().orElse(null);
            if (type != null && type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                    || unknownPath(request, response)) {
                return Mono.just(response);
            }
            // Schema loading and validation read files: keep them off the event loop.
            return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).publishOn(Schedulers.boundedElastic()).map(body -> {
                String violations = Contract.get().violations(request.method().name(), request.url().getPath(),
                        response.statusCode().value(), type == null ? null : type.toString(), body);
                if (!violations.isEmpty()) {
                    throw new AssertionError("Contract violation: " + violations);
                }
                DataBuffer buffer = DefaultDataBufferFactory.sharedInstance.wrap(body);
                return response.mutate().body(Flux.just(buffer)).build();
            });
        });
    }
}
