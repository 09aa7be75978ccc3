/** Dispatcher accounts of each DSP: created by station ops, signed in with a username and password. */
package dev.doorstep.dispatch.dispatchers;
