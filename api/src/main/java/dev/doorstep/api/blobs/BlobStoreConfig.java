package dev.doorstep.api.blobs;

import dev.doorstep.dispatch.delivery.BlobStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** With {@code doorstep.api.blobs.store=s3}, images go to the object store instead of the local folder. */
@Configuration(proxyBeanMethods = false)
class BlobStoreConfig {

    @Bean
    @Primary
    @ConditionalOnProperty(name = "doorstep.api.blobs.store", havingValue = "s3")
    BlobStore s3BlobStore(BlobSettings settings) {
        return new S3BlobStore(settings);
    }
}
