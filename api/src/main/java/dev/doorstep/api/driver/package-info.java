/** HTTP for the driver app: Flex offers, claims, my blocks and check-in; the itinerary and running the route; ping upload; push and OsmAnd device registration. */
package dev.doorstep.api.driver;
