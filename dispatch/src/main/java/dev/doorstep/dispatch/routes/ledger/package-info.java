/**
 * The only writer of routes, stops and stop_packages: planning inserts, blocks attach and release, delivery completes
 * stops and routes run them through its statements, each in the caller's transaction. Below planning and blocks, so
 * that they can call it without a package cycle through {@code dispatch.routes}.
 */
package dev.doorstep.dispatch.routes.ledger;
