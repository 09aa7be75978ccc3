package dev.doorstep.tracking.ingest;

/**
 * A ping of a batch that was not accepted as a live position: its index in the batch and why. {@code kept}
 * is true when it is stored in the trail anyway (flagged for an impossible speed): sending it again is a
 * duplicate. When false it is not stored: sending it again is refused again (but for a ts that was ahead of
 * the server's clock, which is accepted once the clock has caught up).
 */
public record RejectedPing(int index, String field, String reason, boolean kept) {
}
