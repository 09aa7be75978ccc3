/** Notifications: device tokens, the outbox relay, FCM sending (schema V3, V11, V12). */
package dev.doorstep.notifications;
