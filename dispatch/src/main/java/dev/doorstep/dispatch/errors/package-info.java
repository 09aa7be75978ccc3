/** The few domain errors every feature signals: not found, conflict, rejected, invalid input. */
package dev.doorstep.dispatch.errors;
