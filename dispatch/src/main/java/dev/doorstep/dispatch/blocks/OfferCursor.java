package dev.doorstep.dispatch.blocks;

import dev.doorstep.dispatch.errors.InvalidInput;
import java.time.Instant;

/** Where a page of offers ends: offers are ordered by start, then id, so the cursor is both. */
record OfferCursor(Instant start, String id) {

    private static final OfferCursor FIRST = new OfferCursor(Instant.EPOCH, "");

    static String of(Block block) {
        return block.startsAt().toInstant() + "~" + block.id();
    }

    static OfferCursor parse(String after) {
        if (after.isEmpty()) {
            return FIRST;
        }
        int cut = after.indexOf('~');
        try {
            return new OfferCursor(Instant.parse(after.substring(0, cut)),
                    after.substring(cut + 1));
        } catch (RuntimeException e) {
            throw InvalidInput.of("after", "is not a cursor this list gave out");
        }
    }
}
