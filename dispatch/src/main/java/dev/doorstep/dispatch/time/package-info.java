/** The span of dates and instants Doorstep accepts and stores, one rule for every input. */
package dev.doorstep.dispatch.time;
