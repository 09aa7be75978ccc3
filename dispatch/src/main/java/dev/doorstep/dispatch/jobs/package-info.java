/** Checks every node runs on a timer (missing packages, unassigned routes), each safe to run on many nodes at once. */
package dev.doorstep.dispatch.jobs;
