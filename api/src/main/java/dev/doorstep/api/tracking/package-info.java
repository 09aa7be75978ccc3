/** Customer tracking: the shipper's tracking links, and the public tracking API and page opened by a link's token. */
package dev.doorstep.api.tracking;
