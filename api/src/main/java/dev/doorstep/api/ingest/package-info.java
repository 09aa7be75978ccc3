/** HTTP for GPS devices that speak their own protocol (OsmAnd / Traccar Client). */
package dev.doorstep.api.ingest;
