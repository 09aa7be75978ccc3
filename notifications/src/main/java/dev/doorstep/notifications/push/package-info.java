/**
 * Pushes through Firebase Cloud Messaging: who gets what for each event, exactly once per (event, device
 * token) through a claimed send record, with bounded retries, and a log-only mode without credentials.
 */
package dev.doorstep.notifications.push;
