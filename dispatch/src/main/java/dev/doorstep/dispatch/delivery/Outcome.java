package dev.doorstep.dispatch.delivery;

/** What happened to one package at the door: delivered, tried and failed, or (a customer return) picked up. */
public enum Outcome {
    DELIVERED, ATTEMPTED, PICKED_UP
}
