/** HTTP for station operations and shippers: stations, DSPs, drivers, vans, manifests. */
package dev.doorstep.api.ops;
