/** The events tracking publishes to the other modules: one sealed interface, one record per event. */
package dev.doorstep.tracking.events;
