/** Packages coming back to the station: the returns scan, reattempts on a later day, and return to sender. */
package dev.doorstep.dispatch.returns;
