/** The transactional outbox: events written with the change they report. */
package dev.doorstep.dispatch.outbox;
