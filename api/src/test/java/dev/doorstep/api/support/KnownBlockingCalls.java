package dev.doorstep.api.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Blocking calls made by libraries on the event loop that we accept, each with its reason. Everything
 * else that blocks a Netty thread fails the test that caused it.
 */
public final class KnownBlockingCalls implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // WebFlux's static resources (Swagger UI's webjar) check the jar entry once per request path;
        // the jar is already open and the read is a few bytes from the page cache.
        builder.allowBlockingCallsInside("org.springframework.web.reactive.resource.PathResourceResolver",
                "getResource");
        // springdoc rewrites Swagger UI's swagger-initializer.js (1 KB, same webjar) on each request, reading it
        // on the event loop; without it Swagger UI shows no operations.
        builder.allowBlockingCallsInside("org.springdoc.ui.AbstractSwaggerIndexTransformer", "readFullyAsString");
        // Lettuce guards writes to a shared connection with a short lock; two threads writing commands at
        // once (stream polls, relay, requests) park on it for microseconds. Failing there would leave the
        // lock's writer count broken and the connection spinning forever.
        for (String method : new String[] {"incrementWriters", "decrementWriters", "lockWritersExclusive",
                "unlockWritersExclusive"}) {
            builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", method);
        }
        // With a bounded request queue (RedisClientOptions) Lettuce checks the queues' sizes before each write; its
        // bounded queues are ArrayBlockingQueues, whose size() takes their lock for a few nanoseconds: two threads
        // writing at once park on it (seen under 200 concurrent offer claims).
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.DefaultEndpoint", "validateWrite");
        // Each command's timeout is scheduled on a Netty timer; the first one waits for the timer's thread to start.
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.CommandExpiryWriter", "potentiallyExpire");
        // The test client's multipart writer draws each boundary from a NativePRNG SecureRandom (/dev/urandom);
        // only test clients write multipart bodies, the app only reads them.
        builder.allowBlockingCallsInside("org.springframework.util.MimeTypeUtils", "generateMultipartBoundary");
        // Jackson builds a type's deserializer once and caches it under a lock; two first requests of one type at
        // once park on it for the microseconds the build takes, never again after (seen on POST /local/tokens).
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
                "_createAndCacheValueDeserializer");
        // Closing the S3 store's SDK client (app shutdown; the S3 tests' own stores) closes its Netty connection pools
        // on Netty's global executor, waiting for each channel to close: off the request path, once per client.
        builder.allowBlockingCallsInside("io.netty.channel.pool.SimpleChannelPool", "close");
    }
}
