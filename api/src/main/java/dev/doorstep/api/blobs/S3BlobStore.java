package dev.doorstep.api.blobs;

import dev.doorstep.dispatch.delivery.BlobStore;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeProvider;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs as objects of one bucket of AWS S3 or an S3-compatible store (MinIO, Ceph...), through the AWS SDK v2's
 * asynchronous client on its own Netty event loops: the SDK signs (Signature V4), retries throttles, 5xx answers and
 * I/O errors with backoff ({@code max-attempts}), and bounds each attempt and each call by a timeout.
 */
final class S3BlobStore implements BlobStore, AutoCloseable {

    /** Largest object read back: a photo is at most 10 MB. */
    private static final long MAX_OBJECT_BYTES = 16 * 1024 * 1024;

    private final S3AsyncClient s3;
    private final String bucket;

    S3BlobStore(BlobSettings settings) {
        if (settings.bucket() == null || settings.bucket().isBlank()) {
            throw new IllegalStateException("doorstep.api.blobs.bucket must be set when doorstep.api.blobs.store is s3");
        }
        if (blank(settings.accessKey()) != blank(settings.secretKey())) {
            throw new IllegalStateException("doorstep.api.blobs.access-key and secret-key go together: set both, "
                    + "or neither for the AWS SDK's default credential chain");
        }
        AwsCredentialsProvider credentials = blank(settings.accessKey())
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(),
                        settings.secretKey()));
        StandardRetryStrategy retries = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts()).build();
        S3AsyncClientBuilder builder = S3AsyncClient.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                // The payload's SHA-256 is signed too, also over plain HTTP (an in-cluster MinIO): a photo altered on
                // the way does not get stored. One request body, not aws-chunked, so any S3-compatible store takes it.
                .authSchemeProvider(params -> S3AuthSchemeProvider.defaultProvider().resolveAuthScheme(params).stream()
                        .map(option -> option.toBuilder()
                                .putSignerProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true).build())
                        .toList())
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                // Only the checksums S3 requires: S3-compatible stores do not all know the newer CRC32 headers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .connectionAcquisitionTimeout(settings.callTimeout()))
                .overrideConfiguration(o -> o.retryStrategy(retries)
                        .apiCallAttemptTimeout(settings.attemptTimeout())
                        .apiCallTimeout(settings.callTimeout()));
        if (!blank(settings.endpoint())) {
            builder.endpointOverride(URI.create(settings.endpoint().replaceAll("/+$", "")));
        }
        this.s3 = builder.build();
        this.bucket = settings.bucket();
    }

    @Override
    public Mono<Void> put(String key, byte[] bytes) {
        checkKey(key);
        return call(() -> s3.putObject(request -> request.bucket(bucket).key(key).contentLength((long) bytes.length)
                        .contentType("application/octet-stream"), AsyncRequestBody.fromBytes(bytes)))
                .then();
    }

    @Override
    public Mono<byte[]> get(String key) {
        checkKey(key);
        return call(() -> s3.getObject(request -> request.bucket(bucket).key(key), AsyncResponseTransformer.toBytes()))
                .flatMap(response -> response.response().contentLength() != null
                                && response.response().contentLength() > MAX_OBJECT_BYTES
                        ? Mono.error(new IllegalStateException("Object " + key + " is larger than a photo"))
                        : Mono.just(response.asByteArrayUnsafe()))
                .onErrorResume(NoSuchKeyException.class, missing -> Mono.empty())
                .onErrorResume(S3Exception.class, e -> e.statusCode() == 404 ? Mono.empty() : Mono.error(e));
    }

    /**
     * Starts the call off the caller's thread: resolving credentials from the default chain may read a file or call
     * the instance metadata service the first time. The I/O itself runs on the SDK's event loops.
     */
    private static <T> Mono<T> call(Supplier<CompletableFuture<T>> request) {
        return Mono.fromFuture(request).subscribeOn(Schedulers.boundedElastic());
    }

    private static void checkKey(String key) {
        if (!key.matches("[a-z]+/[0-9a-f]{64}\\.[a-z]+")) {
            throw new IllegalArgumentException("Not a blob key: " + key);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public void close() {
        s3.close();
    }
}
