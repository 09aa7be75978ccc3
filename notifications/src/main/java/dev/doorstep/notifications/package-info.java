/** Notifications: device tokens, the outbox relay, FCM sending (schema V3 so far). */
package dev.doorstep.notifications;
