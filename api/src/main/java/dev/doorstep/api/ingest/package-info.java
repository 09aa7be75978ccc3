/**
 * HTTP for the tracking apps a driver may use instead of the driver app (Traccar Client and OsmAnd, OwnTracks,
 * Overland, GPSLogger), each in its own protocol and authenticated by a device key bound to the driver.
 */
package dev.doorstep.api.ingest;
