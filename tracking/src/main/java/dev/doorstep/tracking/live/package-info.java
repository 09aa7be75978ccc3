/** Live positions, trails and the geo index per station, read from Redis; fan-out between nodes by pub/sub. */
package dev.doorstep.tracking.live;
