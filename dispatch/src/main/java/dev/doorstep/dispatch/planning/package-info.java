/** Route planning: the VRP solver core (jsprit) and, on top of it, a station's plans of the day. */
package dev.doorstep.dispatch.planning;
