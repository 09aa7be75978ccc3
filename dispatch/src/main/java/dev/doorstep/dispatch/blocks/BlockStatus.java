package dev.doorstep.dispatch.blocks;

public enum BlockStatus {
    OFFERED, CLAIMED, CHECKED_IN, COMPLETED, CANCELLED, NO_SHOW
}
