package dev.doorstep.dispatch.delivery;

/** What happened to one package at the door. */
public enum Outcome {
    DELIVERED, ATTEMPTED
}
