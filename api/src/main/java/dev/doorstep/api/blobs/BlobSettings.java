package dev.doorstep.api.blobs;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which blob store keeps proof-of-delivery images: {@code local} (a folder under the data directory, the default)
 * or {@code s3} (an S3-compatible object store, path-style requests signed with AWS Signature V4).
 *
 * @param store {@code local} or {@code s3}
 * @param endpoint base URL of the object store, e.g. https://s3.eu-west-1.amazonaws.com or http://minio:9000
 * @param bucket the bucket; objects are {@code <bucket>/<key>}
 * @param region the signing region
 * @param accessKey the access key id
 * @param secretKey the secret access key
 */
@ConfigurationProperties("doorstep.api.blobs")
public record BlobSettings(String store, String endpoint, String bucket, String region, String accessKey,
        String secretKey) {

    public BlobSettings {
        store = store == null || store.isBlank() ? "local" : store;
        region = region == null || region.isBlank() ? "us-east-1" : region;
    }
}
