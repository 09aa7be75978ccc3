/** Id generation shared by every feature. */
package dev.doorstep.dispatch.ids;
