package dev.doorstep.tracking.ingest;

/** A ping of a batch that was not accepted as a live position: its index in the batch and why. */
public record RejectedPing(int index, String field, String reason) {
}
