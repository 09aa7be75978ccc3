package dev.doorstep.dispatch.delivery;

/** One uploaded image exactly as received: a photo of the door, or the resident's signature. */
public record PhotoUpload(byte[] bytes, boolean signature) {
}
