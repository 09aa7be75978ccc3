/** HTTP for the driver app: Flex offers and claims, my blocks, check-in. */
package dev.doorstep.api.driver;
