package dev.doorstep.dispatch.blocks;

/** A Flex driver's record over the last 30 days. */
public record Standing(String driverId, int completed, int lateForfeits, int noShows) {
}
