/** Push tokens of the driver app (FCM registration tokens), deduplicated, one owner per token. */
package dev.doorstep.notifications.devices;
