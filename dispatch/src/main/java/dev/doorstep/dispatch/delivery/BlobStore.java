package dev.doorstep.dispatch.delivery;

import reactor.core.publisher.Mono;

/**
 * Immutable blobs by key (proof-of-delivery images). Keys are content addresses, so writing a key twice
 * stores it once. The default keeps them in a local folder; an object-storage adapter implements the same.
 */
public interface BlobStore {

    /** Stores {@code bytes} under {@code key} unless the key is already there. */
    Mono<Void> put(String key, byte[] bytes);

    /** The blob, or empty when there is none. */
    Mono<byte[]> get(String key);
}
