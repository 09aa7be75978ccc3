package dev.doorstep.api.security;

/** The roles a token can carry in its {@code roles} claim. */
public enum Role {
    /** A Flex or DSP driver; the token's subject is the driver id. */
    DRIVER,
    /** A DSP's dispatcher; the {@code dsp} claim names the DSP. */
    DISPATCHER,
    /** Delivery station operations. */
    STATION_OPS,
    /** A machine client such as a shipper's order system. */
    SERVICE
}
