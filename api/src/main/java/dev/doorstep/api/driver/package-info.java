/** HTTP for the driver app: Flex offers, claims, my blocks and check-in; today's itinerary and running the route. */
package dev.doorstep.api.driver;
