package dev.doorstep.dispatch.blocks;

import dev.doorstep.dispatch.events.BlockOffered;


/** Builds the block events from a block. */
final class BlockEvents {

    private BlockEvents() {
    }

    static BlockOffered offered(Block b) {
        return new BlockOffered(b.id(), b.stationId(), b.startsAt(), b.durationMinutes());
    }
}
