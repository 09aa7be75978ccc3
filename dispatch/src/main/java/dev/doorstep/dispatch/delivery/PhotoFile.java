package dev.doorstep.dispatch.delivery;

/** Bytes of a stored image and their media type. */
public record PhotoFile(String contentType, byte[] bytes) {
}
