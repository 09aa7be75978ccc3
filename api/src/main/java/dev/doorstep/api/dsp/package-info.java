/** HTTP for a DSP's dispatcher: its routes of the day and who drives them. */
package dev.doorstep.api.dsp;
