package dev.doorstep.dispatch.dispatchers;

import java.time.Instant;

/** A DSP dispatcher's account; never carries its password or hash. */
public record Dispatcher(String id, String dspId, String username, String name, boolean active, Instant createdAt) {
}
