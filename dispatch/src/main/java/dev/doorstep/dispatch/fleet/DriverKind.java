package dev.doorstep.dispatch.fleet;

/** FLEX drivers claim blocks themselves; DSP drivers are assigned by their company's dispatcher. */
public enum DriverKind {
    FLEX, DSP
}
