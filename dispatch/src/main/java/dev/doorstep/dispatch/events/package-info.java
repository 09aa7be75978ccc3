/** The events dispatch publishes to the other modules: one sealed interface, one record per event. */
package dev.doorstep.dispatch.events;
