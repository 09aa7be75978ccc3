package dev.doorstep.dispatch.planning;

/** A driver's break: it lasts {@code seconds} and starts between {@code earliest} and {@code latest}. */
public record VrpBreak(double earliest, double latest, double seconds) {
}
