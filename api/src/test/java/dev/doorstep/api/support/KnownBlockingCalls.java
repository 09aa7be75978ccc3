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
        // The test client's multipart writer draws each boundary from a NativePRNG SecureRandom (/dev/urandom);
        // only test clients write multipart bodies, the app only reads them.
        builder.allowBlockingCallsInside("org.springframework.util.MimeTypeUtils", "generateMultipartBoundary");
    }
}
