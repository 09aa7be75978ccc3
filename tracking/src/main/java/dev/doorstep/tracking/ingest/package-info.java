/** GPS ingest: batches of pings from the driver app and OsmAnd/Traccar devices, checked and stored in Redis. */
package dev.doorstep.tracking.ingest;
