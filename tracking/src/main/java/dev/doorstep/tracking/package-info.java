/** Tracking: GPS ingest into Redis, live positions and trails, ETA, tracking links (schema V2 so far). */
package dev.doorstep.tracking;
