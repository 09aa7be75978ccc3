/** The fleet: DSPs, their drivers and vans, and Flex drivers. */
package dev.doorstep.dispatch.fleet;
