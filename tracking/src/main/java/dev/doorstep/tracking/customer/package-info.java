/**
 * What a customer holding a tracking link sees of their own package: status, timeline, windows, ETA, stops away,
 * and the driver's position only while the package's stop is close. Nothing of other packages or stops.
 */
package dev.doorstep.tracking.customer;
