package dev.doorstep.api.blobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which blob store keeps proof-of-delivery images: {@code local} (a folder under the data directory, the default)
 * or {@code s3} (AWS S3 or an S3-compatible object store, through the AWS SDK v2's asynchronous client).
 *
 * @param store {@code local} or {@code s3}
 * @param endpoint base URL of an S3-compatible store, e.g. http://minio:9000; empty: AWS S3 of the region
 * @param bucket the bucket of the images
 * @param region the region (of the bucket, and the one requests are signed for)
 * @param accessKey an access key id; with the secret key, these static credentials; both empty: the SDK's default
 *     credential chain (environment, system properties, web identity token, profile file, container or instance role)
 * @param secretKey the secret access key that goes with the access key
 * @param pathStyle {@code <endpoint>/<bucket>/<key>} instead of {@code <bucket>.<endpoint>/<key>}; empty: path-style
 *     when an endpoint is set (MinIO, Ceph), virtual-hosted on AWS
 * @param connectTimeout how long opening a connection to the store may take
 * @param attemptTimeout how long one attempt (a request and its response) may take before it is retried
 * @param callTimeout how long a put or get may take, retries included
 * @param maxAttempts attempts per put or get (the first and the retries) on a throttle, a 5xx or an I/O error
 */
@ConfigurationProperties("doorstep.api.blobs")
public record BlobSettings(String store, String endpoint, String bucket, String region, String accessKey,
        String secretKey, Boolean pathStyle, Duration connectTimeout, Duration attemptTimeout, Duration callTimeout,
        Integer maxAttempts) {

    public BlobSettings {
        store = store == null || store.isBlank() ? "local" : store;
        region = region == null || region.isBlank() ? "us-east-1" : region;
        pathStyle = pathStyle != null ? pathStyle : endpoint != null && !endpoint.isBlank();
        connectTimeout = connectTimeout != null ? connectTimeout : Duration.ofSeconds(2);
        attemptTimeout = attemptTimeout != null ? attemptTimeout : Duration.ofSeconds(10);
        callTimeout = callTimeout != null ? callTimeout : Duration.ofSeconds(30);
        maxAttempts = maxAttempts != null ? maxAttempts : 3;
    }

    /** Settings of an S3 store with every optional value at its default (tests). */
    static BlobSettings s3(String endpoint, String bucket, String region, String accessKey, String secretKey) {
        return new BlobSettings("s3", endpoint, bucket, region, accessKey, secretKey, null, null, null, null, null);
    }

    BlobSettings withTimeouts(Duration attempt, Duration call, int attempts) {
        return new BlobSettings(store, endpoint, bucket, region, accessKey, secretKey, pathStyle, connectTimeout,
                attempt, call, attempts);
    }
}
