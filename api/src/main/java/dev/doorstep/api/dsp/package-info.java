/** HTTP for DSP dispatchers: the live map of their own drivers. */
package dev.doorstep.api.dsp;
