/** HTTP for the driver app: ping upload and device registration. */
package dev.doorstep.api.driver;
