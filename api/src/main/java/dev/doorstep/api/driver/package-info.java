/** HTTP for the driver app: today's itinerary and running the route. */
package dev.doorstep.api.driver;
