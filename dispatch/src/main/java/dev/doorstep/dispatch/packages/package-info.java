/** Packages: manifest import from shippers, status and timeline. */
package dev.doorstep.dispatch.packages;
