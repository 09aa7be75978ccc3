package dev.doorstep.dispatch.blocks;

/** What the driver does in a block: deliver packages, or pick up customer returns. */
public enum ServiceType {
    LOGISTICS, RETURNS
}
