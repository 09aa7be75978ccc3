package dev.doorstep.api.blobs;

import dev.doorstep.dispatch.delivery.BlobStore;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Blobs as objects of one bucket of an S3-compatible store (AWS S3, MinIO, Ceph...), path-style
 * ({@code <endpoint>/<bucket>/<key>}), each request signed with AWS Signature V4. No SDK: two HTTP calls.
 */
final class S3BlobStore implements BlobStore {

    /** Largest object read back: a photo is at most 10 MB. */
    private static final int MAX_OBJECT_BYTES = 16 * 1024 * 1024;

    private final WebClient http;
    private final S3Signer signer;
    private final String base;
    private final Clock clock;

    S3BlobStore(BlobSettings settings, Clock clock) {
        for (String[] required : new String[][] {{"endpoint", settings.endpoint()}, {"bucket", settings.bucket()},
                {"access-key", settings.accessKey()}, {"secret-key", settings.secretKey()}}) {
            if (required[1] == null || required[1].isBlank()) {
                throw new IllegalStateException("doorstep.api.blobs." + required[0] + " must be set when "
                        + "doorstep.api.blobs.store is s3");
            }
        }
        this.http = WebClient.builder()
                .exchangeStrategies(ExchangeStrategies.builder()
                        .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_OBJECT_BYTES)).build())
                .build();
        this.signer = new S3Signer(settings.accessKey(), settings.secretKey(), settings.region());
        this.base = settings.endpoint().replaceAll("/+$", "") + '/' + S3Signer.encodePath(settings.bucket()) + '/';
        this.clock = clock;
    }

    @Override
    public Mono<Void> put(String key, byte[] bytes) {
        URI uri = uri(key);
        return signed(HttpMethod.PUT, uri, bytes)
                .flatMap(headers -> http.put().uri(uri).headers(h -> headers.forEach(h::set))
                        .contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .bodyValue(bytes)
                        .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                                ? response.releaseBody()
                                : response.bodyToMono(String.class).defaultIfEmpty("")
                                        .flatMap(body -> Mono.error(failure("PUT", key, response.statusCode().value(),
                                                body)))));
    }

    @Override
    public Mono<byte[]> get(String key) {
        URI uri = uri(key);
        return signed(HttpMethod.GET, uri, new byte[0])
                .flatMap(headers -> http.get().uri(uri).headers(h -> headers.forEach(h::set))
                        .exchangeToMono(response -> {
                            if (response.statusCode().value() == HttpStatus.NOT_FOUND.value()) {
                                return response.releaseBody().then(Mono.empty());
                            }
                            if (!response.statusCode().is2xxSuccessful()) {
                                return response.bodyToMono(String.class).defaultIfEmpty("")
                                        .flatMap(body -> Mono.error(failure("GET", key,
                                                response.statusCode().value(), body)));
                            }
                            return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]);
                        }));
    }

    /** The signed headers but Host, which the HTTP client writes itself (with the same value). */
    private Mono<Map<String, String>> signed(HttpMethod method, URI uri, byte[] payload) {
        return Mono.fromCallable(() -> {
            Map<String, String> headers = signer.sign(method.name(), uri, Map.of(), payload, clock.instant());
            headers.remove("host");
            return headers;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private URI uri(String key) {
        if (!key.matches("[a-z]+/[0-9a-f]{64}\\.[a-z]+")) {
            throw new IllegalArgumentException("Not a blob key: " + key);
        }
        return URI.create(base + S3Signer.encodePath(key));
    }

    private static IllegalStateException failure(String method, String key, int status, String body) {
        return new IllegalStateException("Object store " + method + " " + key + " answered " + status + ": "
                + (body.length() > 300 ? body.substring(0, 300) : body));
    }
}
