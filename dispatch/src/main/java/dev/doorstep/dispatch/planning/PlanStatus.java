package dev.doorstep.dispatch.planning;

/** A plan job's life: RUNNING, then READY (or FAILED), then PUBLISHED once handed to DSPs. */
public enum PlanStatus {
    RUNNING, READY, FAILED, PUBLISHED
}
