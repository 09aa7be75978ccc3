/** A DSP's weekly scorecard: delivery quality per DSP and per driver, read from the system of record. */
package dev.doorstep.dispatch.scorecard;
