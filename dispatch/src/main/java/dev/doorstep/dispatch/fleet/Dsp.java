package dev.doorstep.dispatch.fleet;

/** A Delivery Service Partner: a company whose dispatcher runs its own drivers and vans. */
public record Dsp(String id, String name) {
}
