/** HTTP for a DSP's dispatcher: its routes of the day, who drives them, and the live map of its own drivers. */
package dev.doorstep.api.dsp;
